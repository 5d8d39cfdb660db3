package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.ExecTrigger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

/**
 * Versions beyond the three shipped ones, installed by the test itself through the manifest (pip
 * wheels of a few MB, cached after the first run): each starts, reports its version, and the
 * deterministic EXEC trigger leaves a TTL-less key exactly below 6.0.15 / 6.2.5.
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Dit.test=InstalledServersIntegrationTests}
 */
class InstalledServersIntegrationTests {

  @ParameterizedTest
  @CsvSource({"6.0.8, 6.0.8, true, true", "6.0.9, 6.0.9, true, true", "valkey-9.1.2, 7.2.4, false, false"})
  void anInstalledVersionStartsReportsItsVersionAndRacesInsideExecOnlyWhereHistorySays(String id, String info, boolean racy,
      boolean expiredInFlightPossible) {
    ServerInstaller.install(ServerManifest.builtIn().byId(id).orElseThrow());
    try (RedisServer redis = RedisServer.start(id); Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
      assertThat(redis.id()).isEqualTo(id);
      assertThat(redis.version()).isEqualTo(RedisVersion.parse(info));
      assertThat(redis.version().expiresInsideExec()).isEqualTo(racy);
      ExecTrigger.Result r = ExecTrigger.run(jedis);
      assertThat(r.ttlLess()).as("TTL-less key after the EXEC trigger on %s: %s", id, r).isEqualTo(racy);
      if (!expiredInFlightPossible) {
        assertThat(r.expiredInFlight()).as("PTTL inside EXEC on %s: %s", id, r).isFalse();
      }
    }
  }
}
