package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * The empty restart: keys acknowledged by the primary and by both replicas ({@code WAIT 2}), the
 * primary SIGKILLed and restarted before Sentinel may fail over (down-after 10 s; the test checks
 * that no failover happened). With persistence {@code none} it comes back empty and both replicas
 * resync the empty data set: every key is gone from every node. With {@code aof-always} nothing is
 * lost.
 */
class EmptyRestartIntegrationTests {
  private static final int KEYS = 100;

  @ParameterizedTest(name = "persistence {0}")
  @EnumSource(value = Persistence.class, names = {"NONE", "AOF_ALWAYS"})
  void restartOfThePrimaryKeepsWhatItsPersistenceKept(Persistence persistence) {
    try (SentinelTopology t = SentinelTopology.builder(ServerKind.REDIS_7_0).persistence(persistence)
        .downAfter(Duration.ofSeconds(10)).toxiproxy(SharedServers.toxiproxy()).start()) {
      DataNode primary = t.primary();
      try (Jedis jedis = primary.jedis()) {
        for (int i = 0; i < KEYS; i++) {
          jedis.set("key-" + i, Integer.toString(i));
        }
        assertThat(jedis.waitReplicas(2, 5000)).as("both replicas acknowledged").isEqualTo(2);
      }
      t.replicas().forEach(r -> assertThat(dbsize(r)).as(r.name() + " before the kill").isEqualTo(KEYS));

      primary.kill();
      primary.restart(Duration.ofSeconds(15));
      assertThat(t.awaitHealthy(Duration.ofSeconds(30))).isEmpty();
      assertThat(t.primary()).as("no failover: the restarted node is still the primary").isSameAs(primary);

      long expected = persistence == Persistence.NONE ? 0 : KEYS;
      t.nodes().forEach(n -> assertThat(dbsize(n)).as(n.name() + " after the restart").isEqualTo(expected));
    }
  }

  private static long dbsize(DataNode node) {
    try (Jedis jedis = node.jedis()) {
      return jedis.dbSize();
    }
  }
}
