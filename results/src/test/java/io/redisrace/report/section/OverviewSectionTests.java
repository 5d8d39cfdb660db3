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

class OverviewSectionTests {
  @TempDir Path tmp;

  @Test
  void whatRanWhenAndWhereAndWhatItWasComparedWith() throws Exception {
    Path dir = SyntheticRun.create().ping("7.0", 1, 30000).counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r");
    Files.writeString(dir.resolve("run.json"), "{\"mode\":\"quick\",\"include\":\"lua\",\"started\":\"2026-01-01T00:00:00Z\",\"wallSeconds\":12,"
        + "\"environment\":{\"cpu\":\"Test <CPU>\",\"servers\":{\"7.0\":\"7.0.15\"}}}");
    RunData baseline = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "b");
    ReportContext ctx = new ReportContext(RunData.load(dir), Optional.of(baseline), Optional.empty(), BenchExpectations.none());
    assertThat(new OverviewSection().html(ctx).orElseThrow()).startsWith("<table class=\"kv\"><tr><th>run</th><td>r</td></tr>")
        .contains("<tr><th>mode</th><td>quick (include lua)</td></tr>").contains("<tr><th>benchmark wall time</th><td>12 s</td></tr>")
        .contains("<tr><th>cpu</th><td>Test &lt;CPU&gt;</td></tr>").contains("<tr><th>servers</th><td>7.0 = 7.0.15</td></tr>")
        .contains("<td>1 counter cells, 1 PING calibration cells</td>").contains("<tr><th>compared with</th><td>b</td></tr>");
    assertThat(new OverviewSection().markdown(ctx).orElseThrow()).isEqualTo("Run `r`, mode **quick**, 1 counter cells, compared with b.\n");
  }
}
