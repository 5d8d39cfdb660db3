package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostOfSafetySectionTests {
  @TempDir Path tmp;

  @Test
  void eachVariantDividedByMultiInTheSameCell() {
    RunData run = SyntheticRun.create().counter("multi", "2.8", 20, 1, 1, 30000, 0, 15000, 15100)
        .counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000, 22100).counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "r");
    assertThat(CostOfSafetySection.ratios(run)).singleElement().satisfies(r -> assertThat(r.ratio()).isEqualTo(22050 / 15050.0));
    assertThat(new CostOfSafetySection().html(ReportContext.of(run)).orElseThrow()).contains("Redis 2.8 · jedis · 1 thr · 20 ms · 1 key(s)")
        .contains("1.47× multi");
    assertThat(new CostOfSafetySection().markdown(ReportContext.of(run)).orElseThrow()).endsWith("|---|---|---|---:|\n| 2.8 | jedis | lua | 1.47 |\n");
  }

  @Test
  void withoutMultiThereIsNothingToDivideBy() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "r");
    assertThat(new CostOfSafetySection().html(ReportContext.of(run))).isEmpty();
  }
}
