package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.OverheadRatio;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverheadSectionTests {
  @TempDir Path tmp;

  @Test
  void theRatioOfTheSingleThreadLuaCellToRedisBenchmark() {
    RunData run = SyntheticRun.create().counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000, 22100).overhead("2.8", 24000).load(tmp, "r");
    ReportContext ctx = ReportContext.of(run);
    assertThat(OverheadRatio.of(run).orElseThrow().ratio()).isEqualTo(22050 / 24000.0);
    assertThat(new OverheadSection().html(ctx).orElseThrow()).contains("<p class=\"pass\">Harness overhead ratio 0.92: JMH lua, jedis, "
        + "1 thread = 22,050 ops/s; redis-benchmark -c 1 EVALSHA = 24,000 requests/s (Redis 2.8)").contains("<svg");
    assertThat(new OverheadSection().markdown(ctx).orElseThrow()).isEqualTo(OverheadRatio.sentence(run) + "\n");
  }

  @Test
  void overheadSaysNotMeasuredAndWhy() throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000, 23100).write(tmp, "r");
    Files.writeString(dir.resolve("overhead.json"), "{\"measured\":false,\"reason\":\"redis-benchmark is not on PATH.\"}");
    // An old run's reason is that run's, said in the past tense: not a claim about this machine now.
    assertThat(OverheadRatio.sentence(RunData.load(dir))).isEqualTo("Harness overhead: not measured in run r: redis-benchmark was not on PATH.");
    assertThat(new OverheadSection().html(ReportContext.of(RunData.load(dir))).orElseThrow())
        .contains("<p class=\"warn\">Harness overhead: not measured in run r:").doesNotContain("<svg");
  }
}
