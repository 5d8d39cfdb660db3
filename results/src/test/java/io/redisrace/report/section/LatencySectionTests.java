package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencySectionTests {
  @TempDir Path tmp;

  @Test
  void p50P99AndP999OfEachSampleTimeCell() {
    RunData run = SyntheticRun.create().latency("lua", "7.0", 40, 120.5, 900).load(tmp, "r");
    assertThat(new LatencySection().html(ReportContext.of(run)).orElseThrow()).contains("Redis 7.0 · lua · jedis · 20 ms · 1 key · 1 thr")
        .contains(">p50</text>").contains(">p99</text>").contains(">p99.9</text>").contains("120.5 µs");
    assertThat(new LatencySection().markdown(ReportContext.of(run)).orElseThrow())
        .endsWith("|---|---|---:|---:|---:|\n| 7.0 | lua · jedis · 20 ms · 1 key · 1 thr | 40.0 | 120.5 | 900.0 |\n");
  }

  @Test
  void aRunWithoutSampleTimeCellsHasNoSuchSection() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "r");
    assertThat(new LatencySection().html(ReportContext.of(run))).isEmpty();
  }
}
