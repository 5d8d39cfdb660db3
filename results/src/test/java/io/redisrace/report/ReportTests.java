package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTests {
  @TempDir Path tmp;

  RunData run() {
    return SyntheticRun.create().ping("2.8", 1, 30000, 30000).ping("7.0", 1, 30000, 30000)
        .counter("naive", "2.8", 20, 1, 1, 30000, 50, 9000, 9100)
        .counter("multi", "2.8", 20, 1, 1, 30000, 0, 15000, 15100)
        .counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000, 22100)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000, 23100)
        .entry("io.redisrace.bench.CounterBenchmark.latency", "sample", "lua", "jedis", "7.0", 20, 1, 1, 5000, 0, 40, 41)
        .overhead("2.8", 24000)
        .load(tmp, "run");
  }

  @Test
  void theHtmlIsSelfContainedWithChartsForEverySection() throws Exception {
    Report.write(ReportContext.of(run()), tmp.resolve("report"));
    String html = Files.readString(tmp.resolve("report/index.html"));
    assertThat(html).contains("<svg").contains("id=\"verdicts\"").contains("id=\"throughput\"").contains("id=\"ttl-less\"")
        .contains("id=\"cost-of-safety\"").contains("id=\"overhead\"").contains("UNSAFE");
    String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    assertThat(withoutSvgNamespace).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
    assertThat(html).contains("Harness overhead ratio 0.92");
  }

  @Test
  void summaryAndActionBenchmarkJson() throws Exception {
    Report.write(ReportContext.of(run()), tmp.resolve("report"));
    assertThat(Files.readString(tmp.resolve("report/summary.md"))).contains("| naive | **unsafe** (50 TTL-less in 30,000 ops) |");
    JsonNode action = RunData.JSON.readTree(tmp.resolve("report/benchmark-action.json").toFile());
    assertThat(action).isNotEmpty();
    assertThat(action.get(0).path("unit").asText()).isEqualTo("ops/s");
    assertThat(action.get(0).has("name") && action.get(0).has("value")).isTrue();
  }

  @Test
  void theServicesFileListsEveryBuiltInSectionOnceInReportOrder() {
    assertThat(Report.sections()).extracting(ReportSection::id).containsExactly("overview", "gate", "verdicts", "throughput", "ttl-less",
        "atlas", "counter-failover", "cost-of-safety", "backend", "cluster", "latency", "overhead", "chaos", "concurrency", "calibration", "skipped");
  }

  @Test
  void aPluggedSectionReadsItsOwnFileOfTheRun() throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "r");
    Files.writeString(dir.resolve("chaos.json"), "{\"trials\": 3}");
    ReportSection chaos = new ReportSection() {
      public String id() { return "chaos"; }
      public String title() { return "Chaos"; }
      public int order() { return 750; }
      public Optional<String> html(ReportContext ctx) {
        return ctx.run().file("chaos.json").map(j -> "<p>trials " + j.path("trials").asInt() + "</p>");
      }
    };
    List<ReportSection> sections = new ArrayList<>(Report.sections());
    sections.add(chaos);
    sections.sort(Comparator.comparingInt(ReportSection::order));
    String html = Report.html(ReportContext.of(RunData.load(dir)), sections);
    assertThat(html).contains("<h2>Chaos</h2>").contains("trials 3");
    assertThat(html.indexOf("id=\"latency\"") < 0 || html.indexOf("id=\"chaos\"") > html.indexOf("id=\"latency\"")).isTrue();
  }
}
