package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.BenchExpectations;
import io.redisrace.report.BenchGate;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateSectionTests {
  @TempDir Path tmp;

  ReportContext gated(long luaTtlLess) {
    RunData baseline = SyntheticRun.create().ping("7.0", 1, 30000, 30000).counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000, 23100).load(tmp, "b");
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30000).counter("lua", "7.0", 20, 1, 1, 60000, luaTtlLess, 23000, 23100)
        .load(tmp, "r" + luaTtlLess);
    BenchExpectations expectations = BenchExpectations.builtIn();
    return new ReportContext(run, Optional.of(baseline), Optional.of(new BenchGate(0.2, expectations).check(baseline, run)), expectations);
  }

  @Test
  void aFindingIsARowOfTheTableAndTheMarkdownIsTheGatesOwnTable() {
    ReportContext ctx = gated(3);
    assertThat(new GateSection().html(ctx).orElseThrow()).startsWith("<p class=\"fail\">FAILED: 1 finding(s)</p>")
        .contains("<p>1 throughput cells compared with the baseline (threshold 20%")
        .contains("<tr class=\"bad\"><td>new TTL-less keys</td><td>thrpt variant=lua client=jedis server=7.0 ttlMs=20 keys=1 threads=1</td>")
        .contains("note(s)</summary><ul><li>");
    assertThat(new GateSection().markdown(ctx).orElseThrow()).isEqualTo(BenchGate.table(ctx.gate().orElseThrow()));
  }

  @Test
  void aPassedGateSaysSoAndNoGateNoSection() {
    assertThat(new GateSection().html(gated(0)).orElseThrow()).startsWith("<p class=\"pass\">PASSED</p>").doesNotContain("<table>");
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "none");
    assertThat(new GateSection().html(ReportContext.of(run))).isEmpty();
    assertThat(new GateSection().markdown(ReportContext.of(run))).isEmpty();
  }
}
