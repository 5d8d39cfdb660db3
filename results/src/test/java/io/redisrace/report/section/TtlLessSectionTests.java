package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.BenchExpectations;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtlLessSectionTests {
  @TempDir Path tmp;

  @Test
  void ratesPerMillionWithTheExpectationOfEachCell() {
    RunData run = SyntheticRun.create().counter("naive", "2.8", 20, 1, 1, 30000, 50, 9000).counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000)
        .load(tmp, "r");
    ReportContext ctx = new ReportContext(run, Optional.empty(), Optional.empty(), BenchExpectations.builtIn());
    assertThat(new TtlLessSection().html(ctx).orElseThrow()).contains("<svg").contains(">Redis 2.8</text>").contains(">Redis 7.0</text>")
        .contains("50 = 1666.7/M  [must-race]").contains("0 in 60,000 ops  [clean]");
    assertThat(new TtlLessSection().markdown(ctx).orElseThrow()).startsWith("| server | cell | TTL-less (95% CI per million) |\n|---|---|---|\n"
        + "| 2.8 | naive · jedis · 20 ms · 1 key · 1 thr | 50 in 30,000 ops = 1666.7/M [").doesNotContain("lua");
  }

  @Test
  void noTtlLessKeyIsOneSentence() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "clean");
    assertThat(new TtlLessSection().markdown(ReportContext.of(run))).contains("No cell left a TTL-less key.\n");
    assertThat(new TtlLessSection().html(ReportContext.of(SyntheticRun.create().ping("7.0", 1, 1).load(tmp, "none")))).isEmpty();
  }
}
