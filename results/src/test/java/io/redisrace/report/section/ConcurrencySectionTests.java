package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.Report;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencySectionTests {
  @TempDir Path tmp;

  static String cell(String variant, int loaders, int chunkSize, long chunks, long dup, double rate, double low, double high) {
    return String.format(Locale.ROOT, "{\"variant\":\"%s\",\"fault\":\"none\",\"column\":\"none \u00d7%d\",\"loaders\":%d,"
        + "\"rows\":2000,\"chunkSize\":%d,\"trials\":5,\"withLoss\":0,\"withDuplication\":%d,\"chunks\":%d,\"duplicatedChunks\":%d,"
        + "\"duplicatedPer1000\":%s,\"duplicatedPer1000Low\":%s,\"duplicatedPer1000High\":%s}",
        variant, loaders, loaders, chunkSize, dup > 0 ? 5 : 0, chunks, dup, rate, low, high);
  }

  @Test
  void theRateOfDuplicatedChunksIsChartedAgainstTheLoadersAndTabledPerChunkSize() throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r");
    Files.writeString(dir.resolve("chaos.json"), "{\"schema\":\"redis-race/chaos/v1\",\"mode\":\"full\",\"cells\":["
        + cell("client-name-lock", 1, 10, 1000, 0, 0, 0, 3.83) + ","
        + cell("client-name-lock", 4, 10, 1000, 125, 125, 106, 147) + ","
        + cell("fenced", 4, 10, 1000, 0, 0, 0, 3.83) + ","
        // a classic cell of 3 chunks: no rate worth showing
        + "{\"variant\":\"bitmap\",\"fault\":\"none\",\"loaders\":2,\"rows\":60,\"chunkSize\":20,\"trials\":1,\"chunks\":3,"
        + "\"duplicatedChunks\":1,\"duplicatedPer1000\":333}]}");
    ReportContext ctx = ReportContext.of(RunData.load(dir));
    ConcurrencySection section = new ConcurrencySection();

    assertThat(section.html(ctx).orElseThrow()).contains("<svg").contains("client-name-lock, chunks of 10").contains("4 loaders")
        .contains("125 [106-147] of 1000");
    assertThat(section.markdown(ctx).orElseThrow())
        .contains("Duplicated chunks per 1,000 chunks [95% CI], no fault, chunks of 10:")
        .contains("| variant | 1 loader | 4 loaders |")
        .contains("| client-name-lock | 0.00 [0.00-3.83] (0 of 1000) | 125 [106-147] (125 of 1000) |")
        .contains("| fenced | | 0.00 [0.00-3.83] (0 of 1000) |")
        .doesNotContain("bitmap");
    assertThat(Report.sections()).anyMatch(s -> s instanceof ConcurrencySection);
  }

  @Test
  void aRunWithoutConcurrencyCellsHasNoSuchSection() throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r2");
    assertThat(new ConcurrencySection().html(ReportContext.of(RunData.load(dir)))).isEmpty();
  }
}
