package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.client.ClientMode;
import io.redisrace.command.HarnessCommandLine;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.CounterVariant;
import io.redisrace.server.ServerKind;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;

/**
 * The bench on a cluster, through BenchRunner (forked JMH, real clusters): {@code cluster:7.0}
 * beside a single 7.0 node in one run, with Jedis and Lettuce, its PING cell; a user's
 * {@code redis-cluster://} cluster that the run neither starts nor stops and leaves without the
 * run's keys (a stale one planted before is gone before the first iteration: the audit finds no
 * TTL-less key); and the CROSSSLOT probe, which lists a user variant on two slots as not run.
 * It asserts what ran and what was left, never a speed.
 */
class BenchClusterIntegrationTests {
  @TempDir Path tmp;

  private int bench(String plan) throws Exception {
    Path file = Files.writeString(tmp.resolve("plan.txt"), plan);
    StringWriter err = new StringWriter();
    System.setProperty("jmh.ignoreLock", "true"); // measures nothing; must not wait for another JMH run
    int code = HarnessCommandLine.commandLine(new BenchRunner(), new PrintWriter(System.out, true), new PrintWriter(err, true))
        .execute("--mode=smoke", "--plan=" + file, "--results=" + tmp.resolve("results"));
    assertThat(code).as(err.toString()).isZero();
    return code;
  }

  private JsonNode latest(String file) throws Exception {
    return new ObjectMapper().readTree(tmp.resolve("results/latest").resolve(file).toFile());
  }

  /** "thrpt lua jedis cluster:7.0" (or "ping - jedis cluster:7.0") to the cell's JMH entry. */
  private static Map<String, JsonNode> byCell(JsonNode jmh) {
    List<JsonNode> all = new ArrayList<>();
    jmh.forEach(all::add);
    return all.stream().collect(Collectors.toMap(e -> {
      JsonNode p = e.path("params");
      String b = e.path("benchmark").asText();
      return (b.endsWith("ping") ? "ping -" : (b.endsWith("throughput") ? "thrpt " : "sample ") + p.path("variant").asText()) + " "
          + p.path("client").asText() + " " + p.path("server").asText();
    }, e -> e));
  }

  @Test
  @Timeout(300)
  void everyCellRunsOnTheClusterBesideTheSingleNodeWithItsOwnPing() throws Exception {
    bench("""
        smoke  thrpt  lua,multi  jedis    7.0,cluster:7.0  20  100  1  0x1s/1x1s
        smoke  thrpt  lua        lettuce  cluster:7.0      20  100  1  0x1s/1x1s
        """);
    Map<String, JsonNode> cells = byCell(latest("jmh.json"));
    assertThat(cells.keySet()).containsExactlyInAnyOrder("thrpt lua jedis 7.0", "thrpt multi jedis 7.0", "ping - jedis 7.0",
        "thrpt lua jedis cluster:7.0", "thrpt multi jedis cluster:7.0", "thrpt lua lettuce cluster:7.0", "ping - jedis cluster:7.0",
        "ping - lettuce cluster:7.0");
    cells.forEach((cell, e) -> {
      assertThat(e.path("primaryMetric").path("score").asDouble()).as(cell).isPositive();
      if (cell.startsWith("thrpt")) {
        JsonNode sec = e.path("secondaryMetrics");
        assertThat(sec.path("ops").path("score").asDouble()).as(cell + " ops").isPositive();
        assertThat(sec.path("created").path("score").asDouble()).as(cell + " created").isPositive();
        assertThat(sec.path("ttlLess").path("score").asDouble() + sec.path("auditTtlLess").path("score").asDouble()).as(cell).isZero();
      }
    });
    assertThat(latest("run.json").path("environment").path("servers").path("cluster:7.0").asText()).isEqualTo("7.0.15");
  }

  @Test
  @Timeout(300)
  void aUsersClusterIsLeftRunningWithoutTheRunsKeysAndAVariantOnTwoSlotsIsNotRun() throws Exception {
    try (ClusterTopology c = ClusterTopology.builder(ServerKind.REDIS_7_0).start()) {
      String url = "redis-cluster://" + c.primaries().stream().limit(2).map(n -> n.peerAddress().toString()).collect(Collectors.joining(","));
      try (ClusterClients.JedisClusterClient jedis = ClusterClients.jedis(c.addresses(), ClientMode.JEDIS, Duration.ofSeconds(2))) {
        jedis.cluster().set("rr:bench:lua:stale", "7"); // no TTL: the audit would count it, had the run not deleted it first
      }
      bench("smoke  thrpt  lua  jedis  " + url + "  20  100  1  0x1s/1x1s\n");

      JsonNode cell = byCell(latest("jmh.json")).get("thrpt lua jedis " + url);
      assertThat(cell).as("the cell on " + url).isNotNull();
      assertThat(cell.path("secondaryMetrics").path("ops").path("score").asDouble()).isPositive();
      assertThat(cell.path("secondaryMetrics").path("auditTtlLess").path("score").asDouble()).as("the stale key was deleted first").isZero();
      assertThat(c.problem()).as("the run stopped nothing of the user's cluster").isEmpty();
      for (DataNode n : c.nodes()) {
        try (Jedis j = n.jedis()) {
          assertThat(j.scan("0", new ScanParams().match("rr:bench:*").count(1000)).getResult()).as(n.name()).isEmpty();
        }
      }

      BenchPlan.Iterations it = new BenchPlan.Iterations(0, 1, 1, 1);
      List<BenchPlan.Cell> asked = List.of("two-slots", "two-slots-tagged", "lua").stream()
          .map(v -> new BenchPlan.Cell(BenchPlan.Kind.THRPT, v, "jedis", url, 20, 100, 1, it)).toList();
      BenchMatrix.Matrix probed = ClusterProbe.crossSlot(new BenchMatrix.Matrix(asked, List.of(), Map.of()), BenchClusterIntegrationTests::variant);
      assertThat(probed.cells()).extracting(BenchPlan.Cell::variant).containsExactly("two-slots-tagged", "lua");
      assertThat(probed.skipped()).singleElement().satisfies(s -> {
        assertThat(s.cell()).contains("variant=two-slots ").contains("server=" + url);
        assertThat(s.reason()).startsWith("Variant two-slots is not run on a cluster: its operation touches keys in different slots (CROSSSLOT")
            .contains("hash tag");
      });
    }
  }

  private static CounterVariant variant(String id) {
    return switch (id) {
      case "two-slots" -> new TwoSlotVariant(false);
      case "two-slots-tagged" -> new TwoSlotVariant(true);
      default -> BuiltInVariant.valueOf(id.toUpperCase().replace('-', '_'));
    };
  }
}
