package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.Report;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CounterFailoverSectionTests {
  @TempDir Path tmp;

  static final Path RUN = Path.of("src/test/resources/report-golden/counter-failover/run");

  @Test
  void oneRowPerFaultAndPersistenceOneColumnPerVariantWithTheLostShareOfTheAcknowledged() {
    ReportContext ctx = ReportContext.of(RunData.load(RUN)); // four cells of a real hunt on Redis 7.0
    CounterFailoverSection section = new CounterFailoverSection();

    String md = section.markdown(ctx).orElseThrow();
    assertThat(md).startsWith("4 cells; TTL 600,000 ms, 20 key(s), 2 connection(s), strikes per hunt 1.")
        .contains("| server | client | fault | persistence | failed over | lua | multi |")
        .contains("| 7.0 (7.0.15) | jedis | minority-primary | none | yes | 70.6% (214,331 of 303,736) | 70.1% (160,863 of 229,368) |")
        .contains("| 7.0 (7.0.15) | jedis | primary-crash-failover | none | yes | 0.0% (0 of 247,629) | 0.0% (0 of 171,284) |");
    String html = section.html(ctx).orElseThrow();
    assertThat(html).contains("<th>failed over</th><th>lua</th><th>multi</th>")
        .contains("<td class=\"bad\">70.6% (214,331 of 303,736)</td>").contains("<td>0.0% (0 of 247,629)</td>");
    assertThat(Report.sections()).anyMatch(s -> s instanceof CounterFailoverSection);
  }

  @Test
  void aCellNamesItsTtlLessKeysAndWhatMadeItLessThanExact() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("r"));
    Files.writeString(dir.resolve("counter-failover.json"), """
        {"cells": [{"server": "6.2", "version": "6.2.11", "variant": "naive", "client": "jedis", "fault": "primary-crash-restart",
          "persistence": "none", "strikes": 1, "failedOver": false, "healed": false, "exact": false, "ttlMs": 60000, "keys": 1,
          "threads": 2, "acknowledged": 1000, "lostIncrements": 0, "ttlLessKeys": 1}]}""");
    String md = new CounterFailoverSection().markdown(ReportContext.of(RunData.load(dir))).orElseThrow();
    assertThat(md).contains("| 6.2 (6.2.11) | jedis | primary-crash-restart | none | no | 0.0% (0 of 1,000); 1 TTL-less; not healed; not exact |");
  }

  @Test
  void aRunWithoutCountersUnderFailoverHasNoSuchSection() throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r");
    assertThat(new CounterFailoverSection().html(ReportContext.of(RunData.load(dir)))).isEmpty();
    assertThat(new CounterFailoverSection().markdown(ReportContext.of(RunData.load(dir)))).isEmpty();
  }
}
