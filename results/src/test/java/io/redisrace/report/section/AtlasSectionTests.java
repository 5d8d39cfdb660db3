package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.BenchExpectations;
import io.redisrace.report.Report;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtlasSectionTests {
  @TempDir Path tmp;

  static final Path ATLAS_RUN = Path.of("src/test/resources/report-golden/atlas/run");

  @Test
  void theAtlasIsOneTableOfVersionsByVariantWithIntervalsAndVerdictsAndOneChartWithVersionsAlongX() throws Exception {
    RunData run = RunData.load(ATLAS_RUN); // only atlas.json: an atlas run directory
    BenchExpectations expectations = BenchExpectations.read(Path.of("expectations.txt"));
    ReportContext ctx = new ReportContext(run, Optional.empty(), Optional.empty(), expectations);
    AtlasSection section = new AtlasSection();

    String md = section.markdown(ctx).orElseThrow();
    assertThat(md).contains("5 versions, jedis, 1000 ms per cell, TTL 1 ms, 1 key(s), 2 connection(s)")
        .contains("| version | INFO | naive | pipeline | multi | lua | watch-retry | multi-heal | lua-heal | EXEC trigger TTL-less |")
        // 2.8.19: multi raced once in the hunt (must-race at 1 ms), the trigger every time; multi-heal cannot run.
        .contains("| 2.8.19 | 2.8.19 | 214 in 10,619 ops = 20152.6/M [17648.2-23003.9] [must-race] |")
        .contains("| 1 in 29,833 ops = 33.5/M [5.9-189.9] [must-race] | 0 in 42,120 ops (< 91.2/M) [clean] |")
        .contains("| n/a | 0 in 45,207 ops (< 85.0/M) [clean] | 3/3 [must-race] | 0/3 |")
        // Valkey is judged as the Redis 7.2.4 it forked from: every atomic variant and the trigger clean.
        .contains("| valkey-9.1.2 | 7.2.4 |").contains("| 0/3 [clean] | 0/3 |");
    String html = section.html(ctx).orElseThrow();
    assertThat(html).contains("<table>").contains("<th>watch-retry</th>").contains("<td class=\"bad\">3/3 [must-race]</td>")
        .contains("<svg").contains("TTL-less keys per million ops by version (95% CI)")
        .contains("transform=\"rotate(-45").contains(">valkey-9.1.2</text>")
        .contains("<title>6.2.11, watch-retry: 0 in 2,925 ops (&lt; 1311.6/M)</title>");
    assertThat(Report.sections()).anyMatch(s -> s instanceof AtlasSection);
  }

  @Test
  void aRunWithoutAnAtlasHasNoSuchSection() throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r");
    assertThat(Files.exists(dir.resolve("atlas.json"))).isFalse();
    assertThat(new AtlasSection().html(ReportContext.of(RunData.load(dir)))).isEmpty();
    assertThat(new AtlasSection().markdown(ReportContext.of(RunData.load(dir)))).isEmpty();
  }
}
