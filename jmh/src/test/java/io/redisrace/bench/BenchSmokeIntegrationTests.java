package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.command.HarnessCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark once, briefly, through BenchRunner (forked JMH, real servers) and checks
 * that JMH's JSON carries what the report and the gate read: the aux counters of CounterBenchmark,
 * the percentiles of its latency mode, the PING calibration, and run.json / overhead.json. It
 * asserts presence, never a speed.
 */
class BenchSmokeIntegrationTests {
  @TempDir Path tmp;

  @Test
  @Timeout(240)
  void eachBenchmarkRunsAndItsSecondaryMetricsAreInTheJson() throws Exception {
    Path plan = Files.writeString(tmp.resolve("plan.txt"), """
        smoke  thrpt   multi  jedis  2.8  20  1  1  0x1s/1x1s
        smoke  sample  lua    jedis  7.0  20  1  1  0x1s/1x1s
        """);
    Path results = tmp.resolve("results");
    StringWriter err = new StringWriter();
    // A smoke test measures nothing: it must not fail because a benchmark of someone else's holds
    // JMH's one-per-machine lock (/tmp/jmh.lock), nor wait for it.
    System.setProperty("jmh.ignoreLock", "true");
    int code = HarnessCommandLine.commandLine(new BenchRunner(), new PrintWriter(System.out, true), new PrintWriter(err, true))
        .execute("--mode=smoke", "--plan=" + plan, "--results=" + results);
    assertThat(code).as(err.toString()).isZero();

    Path latest = results.resolve("latest");
    assertThat(latest.resolve("jmh.json")).isRegularFile();
    JsonNode jmh = new ObjectMapper().readTree(latest.resolve("jmh.json").toFile());
    List<String> benchmarks = new ArrayList<>();
    jmh.forEach(e -> benchmarks.add(e.path("benchmark").asText() + " " + e.path("params").path("server").asText()));
    assertThat(benchmarks).containsExactlyInAnyOrder(
        "io.redisrace.bench.PingBenchmark.ping 2.8", "io.redisrace.bench.CounterBenchmark.throughput 2.8",
        "io.redisrace.bench.PingBenchmark.ping 7.0", "io.redisrace.bench.CounterBenchmark.latency 7.0");
    for (JsonNode e : jmh) {
      assertThat(e.path("primaryMetric").path("score").asDouble()).isPositive();
      if (e.path("benchmark").asText().contains("PingBenchmark")) {
        assertThat(e.path("params").path("threads").asInt()).as("PING's threads param").isEqualTo(e.path("threads").asInt());
      }
      if (e.path("benchmark").asText().contains("CounterBenchmark")) {
        JsonNode sec = e.path("secondaryMetrics");
        assertThat(sec.fieldNames()).toIterable().contains("ops", "ttlLess", "auditTtlLess", "created", "expired", "retries");
        assertThat(sec.path("ops").path("score").asDouble()).isPositive();
        assertThat(sec.path("created").path("score").asDouble()).isPositive();
      }
      if (e.path("mode").asText().equals("sample")) {
        assertThat(e.path("primaryMetric").path("scorePercentiles").has("99.9")).isTrue();
      }
    }
    JsonNode run = new ObjectMapper().readTree(latest.resolve("run.json").toFile());
    assertThat(run.path("environment").path("servers").path("2.8").asText()).isEqualTo("2.8.19");
    assertThat(run.path("environment").path("cores").asInt()).isPositive();
    assertThat(latest.resolve("overhead.json")).isRegularFile();
  }
}
