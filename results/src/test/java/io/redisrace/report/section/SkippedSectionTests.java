package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SkippedSectionTests {
  @TempDir Path tmp;

  @Test
  void skippedCellsFailuresAndUnchartedBenchmarks() throws Exception {
    Path dir = SyntheticRun.create().entry("io.redisrace.bench.LoaderBenchmark.load", "avgt", "fenced", "jedis", "7.0", 0, 0, 1, 0, 0, 12.4, 12.6)
        .write(tmp, "r");
    Files.writeString(dir.resolve("run.json"), "{\"skipped\":[{\"cell\":\"thrpt variant=multi-heal server=2.8\",\"reason\":\"needs 7.0 <\"}],"
        + "\"failures\":[\"the fork exited\"]}");
    assertThat(new SkippedSection().html(ReportContext.of(RunData.load(dir))).orElseThrow()).isEqualTo("<ul>"
        + "<li>thrpt variant=multi-heal server=2.8: needs 7.0 &lt;</li><li class=\"bad\">FAILED: the fork exited</li>"
        + "<li>io.redisrace.bench.LoaderBenchmark.load (avgt): 12.50 ops/s — not charted</li></ul>");
  }

  @Test
  void nothingLeftOutNoSection() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "r");
    assertThat(new SkippedSection().html(ReportContext.of(run))).isEmpty();
  }
}
