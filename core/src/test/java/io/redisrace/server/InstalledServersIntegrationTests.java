package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.redisrace.cli.RedisRaceCli;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.ExecTrigger;
import io.redisrace.process.RunDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  @Test
  void theAtlasWritesOneRowPerVersionWithTheTriggerAndExpiredInFlightCounts(@TempDir Path tmp) throws Exception {
    for (String id : new String[] {"6.0.9", "valkey-9.1.2"}) {
      ServerInstaller.install(ServerManifest.builtIn().byId(id).orElseThrow());
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path table = tmp.resolve("atlas.md");
    int rc = RedisRaceCli.execute(new String[] {"atlas", "--servers", "6.0.9,valkey-9.1.2", "--variants", "lua,multi-heal",
        "--per-cell", "300ms", "--triggers", "2", "--out", table.toString(), "--run-dir", tmp.resolve("atlas").toString()},
        new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(rc).as(err.toString()).isZero();
    String md = Files.readString(table);
    assertThat(md).startsWith("| version | INFO | lua | multi-heal | EXEC trigger TTL-less | PTTL in EXEC expired in flight |");
    // 6.0.9: EXEC reads the clock per command, both triggers leave a TTL-less key; PEXPIRE NX does not exist.
    assertThat(md).containsPattern("\\| 6\\.0\\.9 \\| 6\\.0\\.9 \\| 0 / [0-9,]+ ops: 0/M \\[0, [0-9]+\\] \\| n/a \\| 2/2 \\| 0/2 \\|");
    // Valkey (7.2.4): the clock is frozen inside EXEC and PTTL reads the frozen clock too.
    assertThat(md).containsPattern("\\| valkey-9\\.1\\.2 \\| 7\\.2\\.4 \\| 0 / [0-9,]+ ops: 0/M \\[0, [0-9]+\\] \\| 0 / [0-9,]+ ops: 0/M \\[0, [0-9]+\\] \\| 0/2 \\| 0/2 \\|");
    assertThat(md).contains("Wall time");
    // The same as atlas.json in the run directory, which the report's atlas section and the gate read.
    JsonNode atlas = new ObjectMapper().readTree(tmp.resolve("atlas").resolve(RunDir.ATLAS).toFile());
    assertThat(atlas.path("schema").asText()).isEqualTo("redis-race/atlas/v1");
    assertThat(atlas.path("versions")).extracting(v -> v.path("id").asText(), v -> v.path("info").asText())
        .containsExactly(tuple("6.0.9", "6.0.9"), tuple("valkey-9.1.2", "7.2.4"));
    JsonNode old = atlas.path("versions").get(0);
    assertThat(old.path("cells").get(0).path("variant").asText()).isEqualTo("lua");
    assertThat(old.path("cells").get(0).path("ops").asLong()).isPositive();
    assertThat(old.path("cells").get(0).path("ttlLess").asLong()).isZero();
    assertThat(old.path("cells").get(1).path("unsupported").asText()).isNotEmpty();
    assertThat(old.path("trigger").path("ttlLess").asInt()).isEqualTo(2);
    assertThat(atlas.path("versions").get(1).path("trigger").path("ttlLess").asInt()).isZero();
  }
}
