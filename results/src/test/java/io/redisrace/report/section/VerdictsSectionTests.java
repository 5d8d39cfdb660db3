package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.BenchExpectations;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictsSectionTests {
  @TempDir Path tmp;

  @Test
  void unsafeWhereAnyCellLeftATtlLessKeySafeElseAndNotRunWithItsReason() throws Exception {
    Path dir = SyntheticRun.create().counter("naive", "2.8", 20, 1, 1, 30000, 50, 9000).counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r");
    Files.writeString(dir.resolve("run.json"), "{\"environment\":{\"servers\":{\"2.8\":\"2.8.19\"}},\"skipped\":[{\"cell\":"
        + "\"thrpt variant=naive client=jedis server=7.0 ttlMs=20 keys=1 threads=1\",\"reason\":\"left out of the plan\"}]}");
    ReportContext ctx = new ReportContext(RunData.load(dir), Optional.empty(), Optional.empty(), BenchExpectations.builtIn());
    assertThat(new VerdictsSection().html(ctx).orElseThrow())
        .contains("<th>Redis 2.8 (2.8.19)</th><th>Redis 7.0</th>")
        .contains("<tr><td><b>naive</b></td><td class=\"unsafe\">UNSAFE<br><small>50 TTL-less in 30,000 ops; worst cell 1666.7/M</small>"
            + "<br><small class=\"exp\">must-race</small></td><td class=\"na\">not run: left out of the plan</td></tr>")
        .contains("<td class=\"safe\">safe<br><small>none in 60,000 ops (&lt; ");
    assertThat(new VerdictsSection().markdown(ctx).orElseThrow()).isEqualTo("| variant | Redis 2.8 | Redis 7.0 |\n|---|---|---|\n"
        + "| naive | **unsafe** (50 TTL-less in 30,000 ops) | n/a |\n| lua | safe (0 in 60,000 ops) | safe (0 in 60,000 ops) |\n");
  }

  @Test
  void aRunWithoutCounterCellsHasNoVerdicts() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000).load(tmp, "pings");
    assertThat(new VerdictsSection().html(ReportContext.of(run))).isEmpty();
    assertThat(new VerdictsSection().markdown(ReportContext.of(run))).isEmpty();
  }
}
