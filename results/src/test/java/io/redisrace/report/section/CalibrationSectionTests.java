package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationSectionTests {
  @TempDir Path tmp;

  @Test
  void onePingRowPerServerClientAndThreads() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30000).load(tmp, "r");
    assertThat(new CalibrationSection().html(ReportContext.of(run)).orElseThrow())
        .contains("<tr><td>7.0</td><td>jedis</td><td>1</td><td class=\"n\">30,000</td><td class=\"n\">0.00</td></tr>");
  }

  @Test
  void withoutPingTheReportSaysThroughputCannotBeNormalised() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "r");
    assertThat(new CalibrationSection().html(ReportContext.of(run)).orElseThrow()).startsWith("<p class=\"warn\">No PING calibration in this run");
  }
}
