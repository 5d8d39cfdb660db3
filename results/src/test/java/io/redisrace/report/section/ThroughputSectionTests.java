package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThroughputSectionTests {
  @TempDir Path tmp;

  @Test
  void oneChartPerServerRedWhereTheCellLeftTtlLessKeys() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30000).counter("naive", "7.0", 20, 1, 1, 30000, 5, 9000, 9100)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000, 23100).load(tmp, "r");
    ReportContext ctx = ReportContext.of(run);
    assertThat(new ThroughputSection().html(ctx).orElseThrow()).contains("Redis 7.0: throughput").contains("jedis · 1 thread(s) · 20 ms TTL · 1 key(s)")
        .contains("fill=\"" + Palette.RED + "\"").contains("fill=\"" + Palette.color("lua") + "\"").contains("23,050 ops/s  0.77× PING");
    assertThat(new ThroughputSection().markdown(ctx).orElseThrow())
        .contains("| 7.0 · lua · jedis · 20 ms · 1 key · 1 thr | 23,050 | 98.00 | 0.768 | 0 in 60,000 ops (< ")
        .contains("| 7.0 · naive · jedis · 20 ms · 1 key · 1 thr | 9,050 | 98.00 | 0.302 | **5 in 30,000 ops = 166.7/M [");
  }

  @Test
  void aRunWithoutThroughputCellsHasNoSuchSection() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000).load(tmp, "pings");
    assertThat(new ThroughputSection().html(ReportContext.of(run))).isEmpty();
  }
}
