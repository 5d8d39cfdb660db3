package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.command.HarnessCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The noise check in a reduced form (one cell, one-second forks, two of them per side, one A/B run
 * unchanged and one with a planted slowdown), forked JMH on real servers. It asserts what the
 * command produces (a verdict per run and cell, both rates, noise.json), never which verdict came
 * out: with two forks a side no verdict can be significant, and timings are not for tests.
 */
class NoiseCheckIntegrationTests {
  @TempDir Path tmp;

  @Test
  @Timeout(300)
  void theNoiseCheckRunsAbRunsAndPrintsBothRates() throws Exception {
    Path plan = Files.writeString(tmp.resolve("plan.txt"), "tiny  thrpt  lua  jedis  7.0  20  1  1  0x1s/1x1s\n");
    Path out = tmp.resolve("noise.json");
    StringWriter stdout = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(stdout, true);
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true));
    int code;
    try {
      code = HarnessCommandLine.commandLine(new NoiseCheck(), o, new PrintWriter(err, true)).execute("--mode=tiny", "--plan=" + plan,
          "--include=.", "--ignore-jmh-lock", "--runs=1", "--slowdowns=0,0.5", "--forks=2", "--candidate-jar=" + Path.of("target/benchmarks.jar").toAbsolutePath(),
          "--out=" + out);
    } finally {
      System.setOut(saved);
    }
    String text = captured.toString();
    saved.print(text);
    assertThat(code).as(err.toString()).isZero();
    assertThat(text).contains("noise: unchanged run 1/1: gate ").contains("noise: 50% run 1/1: gate ")
        .containsPattern("noise: unchanged code: false alarms in [01] of 1 A/B runs")
        .containsPattern("noise: planted 50% slowdown: detected in [01] of 1 A/B runs");

    JsonNode noise = new ObjectMapper().readTree(out.toFile());
    assertThat(noise.path("runs")).hasSize(2);
    for (JsonNode run : noise.path("runs")) {
      JsonNode cell = run.path("cells").get(0);
      assertThat(cell.path("id").asText()).isEqualTo("thrpt variant=lua client=jedis server=7.0 ttlMs=20 keys=1 threads=1");
      assertThat(cell.path("a")).as(cell.toString()).hasSize(2);
      assertThat(cell.path("b")).hasSize(2);
      assertThat(Set.of("~", "slower", "faster")).contains(cell.path("verdict").asText());
      assertThat(cell.path("unit").asText()).isEqualTo("ops/s");
    }
    assertThat(noise.path("summary")).hasSize(2);
    assertThat(noise.path("summary").get(1).path("slowdown").asDouble()).isEqualTo(0.5);
    assertThat(noise.path("environment").path("fingerprint").path("cores").asInt()).isPositive();
    try (var left = Files.list(tmp)) {
      assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".noise"));
    }
  }
}
