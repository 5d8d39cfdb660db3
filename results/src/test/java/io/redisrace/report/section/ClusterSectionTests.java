package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSectionTests {
  @TempDir Path tmp;

  private static final String SKIPPED = "{\"environment\": {\"servers\": {\"7.0\": \"7.0.15\", \"cluster:7.0\": \"7.0.15\","
      + " \"redis-cluster://10.0.0.5:7000,10.0.0.6:7000\": \"7.0.15\"}},"
      + " \"skipped\": [{\"cell\": \"thrpt variant=two-keys client=jedis server=cluster:7.0 ttlMs=20 keys=100 threads=1\","
      + " \"reason\": \"Variant two-keys is not run on a cluster: its operation touches keys in different slots (CROSSSLOT Keys in request"
      + " don't hash to the same slot); give its keys a common hash tag such as {rr:bench:two-keys:probe}.\"},"
      + " {\"cell\": \"thrpt variant=multi-heal client=jedis server=2.8 ttlMs=20 keys=1 threads=1\", \"reason\": \"needs 7.0\"}]}";

  @Test
  void eachClusterCellIsDividedByItsSingleNodeTwinWithBothTtlLessCountsAndTheCrossSlotVariantIsNotRun() throws Exception {
    Path dir = SyntheticRun.create()
        .ping("7.0", 1, 40000, 40000).ping("cluster:7.0", 1, 38000, 38000)
        .counter("naive", "7.0", 20, 100, 1, 30000, 3, 10000, 10000).counter("naive", "cluster:7.0", 20, 100, 1, 24000, 2, 8000, 8000)
        .counter("lua", "7.0", 20, 100, 1, 60000, 0, 20000, 20000).counter("lua", "cluster:7.0", 20, 100, 1, 45000, 0, 15000, 15000)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 21000, 21000) // 1 key: no cluster twin, not in the section
        .counter("multi", "cluster:7.0", 20, 10000, 4, 45000, 0, 15000, 15000) // no single-node twin: shown without a ratio
        .counter("lua", "redis-cluster://10.0.0.5:7000,10.0.0.6:7000", 20, 100, 1, 30000, 0, 10000, 10000) // a user's cluster: 7.0 by version
        .write(tmp, "run");
    Files.writeString(dir.resolve("run.json"), SKIPPED);
    RunData run = RunData.load(dir);

    List<ClusterSection.Row> rows = ClusterSection.rows(run);
    assertThat(rows).extracting(r -> r.server() + " " + r.label()).containsExactly(
        "cluster:7.0 PING · jedis · 1 thr", "cluster:7.0 naive · jedis · 20 ms · 100 keys · 1 thr",
        "cluster:7.0 lua · jedis · 20 ms · 100 keys · 1 thr", "cluster:7.0 multi · jedis · 20 ms · 10000 keys · 4 thr",
        "redis-cluster://10.0.0.5:7000,10.0.0.6:7000 lua · jedis · 20 ms · 100 keys · 1 thr");
    assertThat(rows).extracting(ClusterSection.Row::ratio)
        .containsExactly(Optional.of(0.95), Optional.of(0.8), Optional.of(0.75), Optional.empty(), Optional.of(0.5));

    String md = new ClusterSection().markdown(ReportContext.of(run)).orElseThrow();
    assertThat(md)
        .contains("| cluster:7.0 | naive · jedis · 20 ms · 100 keys · 1 thr | 8,000 | 10,000 | 0.80 ± 0.00 | 2 in 24,000 ops = 83.3/M")
        .contains("| 3 in 30,000 ops = 100.0/M")
        .contains("| cluster:7.0 | multi · jedis · 20 ms · 10000 keys · 4 thr | 15,000 | - | no single-node twin |")
        .contains("| thrpt variant=two-keys client=jedis server=cluster:7.0 ttlMs=20 keys=100 threads=1 | not run: Variant two-keys is not run"
            + " on a cluster: its operation touches keys in different slots (CROSSSLOT")
        .doesNotContain("multi-heal");
    String html = new ClusterSection().html(ReportContext.of(run)).orElseThrow();
    assertThat(html).contains("Throughput, cluster / single node").contains("<td colspan=\"5\">not run: Variant two-keys")
        .contains("<td class=\"bad\">2 in 24,000 ops");
  }

  @Test
  void aRunWithoutClusterCellsHasNoSuchSection() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000, 23000).load(tmp, "single");
    assertThat(new ClusterSection().html(ReportContext.of(run))).isEmpty();
    assertThat(new ClusterSection().markdown(ReportContext.of(run))).isEmpty();
  }
}
