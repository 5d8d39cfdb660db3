package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendSectionTests {
  @TempDir Path tmp;

  @Test
  void aDockerRunDividesEachCellByItsEmbeddedReferenceOfTheSameVersion() throws Exception {
    Path dir = SyntheticRun.create()
        .ping("7.0", 1, 40000).ping("embedded:7.0", 1, 50000)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 18000).counter("lua", "embedded:7.0", 20, 1, 1, 60000, 0, 20000)
        .counter("multi", "7.0", 20, 1, 1, 60000, 0, 9000) // no reference: not in the section
        .write(tmp, "docker");
    Files.writeString(dir.resolve("run.json"), "{\"environment\": {\"backend\": \"docker\"}}");
    List<BackendSection.Ratio> ratios = BackendSection.ratios(RunData.load(dir));
    assertThat(ratios).extracting(BackendSection.Ratio::label).containsExactly("PING · jedis · 1 thr", "lua · jedis · 20 ms · 1 key · 1 thr");
    assertThat(ratios).extracting(BackendSection.Ratio::ratio).containsExactly(0.8, 0.9);
    assertThat(new BackendSection().markdown(ReportContext.of(RunData.load(dir))).orElseThrow())
        .contains("| 7.0 | lua · jedis · 20 ms · 1 key · 1 thr | 18,000 | 20,000 | 0.90");
    assertThat(new BackendSection().html(ReportContext.of(RunData.load(dir))).orElseThrow())
        .contains("Throughput, docker / embedded").contains("<td class=\"n\">18,000</td><td class=\"n\">20,000</td>");
  }

  @Test
  void aRunWithoutReferenceCellsHasNoSuchSection() {
    Path plain = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "embedded");
    assertThat(new BackendSection().html(ReportContext.of(RunData.load(plain)))).isEmpty();
  }
}
