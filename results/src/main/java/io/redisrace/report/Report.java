package io.redisrace.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Writes the report of a run into a directory, each file atomically:
 * <ul>
 *   <li>{@code index.html}: self-contained (inline CSS and SVG, no script, no network);</li>
 *   <li>{@code summary.md}: for a CI job summary ({@code $GITHUB_STEP_SUMMARY});</li>
 *   <li>{@code benchmark-action.json}: github-action-benchmark's {@code customBiggerIsBetter} format;</li>
 *   <li>{@code bencher.json}: Bencher Metric Format ({@link BencherReport});</li>
 *   <li>{@code junit/TEST-*.xml}: JUnit XML of the gate and the chaos trials ({@link JunitReport}).</li>
 * </ul>
 */
public final class Report {
  private Report() {}

  /** Every section on the class path (META-INF/services: the built-ins of {@code io.redisrace.report.section} and any other), in order. */
  public static List<ReportSection> sections() {
    List<ReportSection> all = new ArrayList<>();
    ServiceLoader.load(ReportSection.class).forEach(all::add);
    all.sort(Comparator.comparingInt(ReportSection::order));
    return all;
  }

  public static void write(ReportContext ctx, Path outDir) {
    write(ctx, outDir, sections());
  }

  public static void write(ReportContext ctx, Path outDir, List<ReportSection> sections) {
    try {
      Files.createDirectories(outDir);
      writeAtomically(outDir.resolve("index.html"), html(ctx, sections));
      writeAtomically(outDir.resolve("summary.md"), markdown(ctx, sections));
      writeAtomically(outDir.resolve(RunDir.BENCHMARK_ACTION), RunData.JSON.writeValueAsString(actionBenchmark(ctx.run())) + "\n");
      BencherReport.write(ctx.run(), outDir);
      JunitReport.write(ctx, outDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeAtomically(Path target, String text) throws IOException {
    RunDir.writeString(target, text);
  }

  public static String html(ReportContext ctx, List<ReportSection> sections) {
    record Rendered(ReportSection section, String html) {}
    List<Rendered> parts = new ArrayList<>();
    for (ReportSection s : sections) {
      Optional<String> h;
      try {
        h = s.html(ctx);
      } catch (RuntimeException e) {
        h = Optional.of("<p class=\"fail\">This section failed: " + Svg.esc(e.toString()) + "</p>");
      }
      h.ifPresent(x -> parts.add(new Rendered(s, x)));
    }
    StringBuilder sb = new StringBuilder();
    sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>redis-race-harness report: ")
        .append(Svg.esc(ctx.run().name())).append("</title>\n<style>\n").append(CSS).append("</style></head><body>\n");
    sb.append("<header><h1>redis-race-harness</h1><p class=\"sub\">Counter variants on real Redis servers: throughput and TTL-less keys. ")
        .append("Run <b>").append(Svg.esc(ctx.run().name())).append("</b>");
    ctx.gate().ifPresent(g -> sb.append(g.passed() ? " · <span class=\"pass\">gate passed</span>" : " · <span class=\"fail\">gate FAILED</span>"));
    sb.append("</p><nav>");
    parts.forEach(p -> sb.append("<a href=\"#").append(Svg.esc(p.section().id())).append("\">").append(Svg.esc(p.section().title())).append("</a> "));
    sb.append("</nav></header>\n");
    for (Rendered p : parts) {
      sb.append("<section id=\"").append(Svg.esc(p.section().id())).append("\"><h2>").append(Svg.esc(p.section().title())).append("</h2>\n")
          .append(p.html()).append("\n</section>\n");
    }
    sb.append("<footer>Written by redis-race-report. Read it as JMH says: the numbers are data; follow up on why they are what they are.</footer>\n");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  public static String markdown(ReportContext ctx, List<ReportSection> sections) {
    StringBuilder sb = new StringBuilder("## redis-race-harness benchmarks\n\n");
    for (ReportSection s : sections) {
      Optional<String> md;
      try {
        md = s.markdown(ctx);
      } catch (RuntimeException e) {
        md = Optional.of("(section failed: " + e + ")\n");
      }
      md.ifPresent(m -> sb.append("### ").append(s.title()).append("\n\n").append(m).append("\n"));
    }
    sb.append("Full report with charts: `results/report/index.html`.\n");
    return sb.toString();
  }

  /** github-action-benchmark customBiggerIsBetter: one entry per throughput cell. */
  public static ArrayNode actionBenchmark(RunData run) {
    ArrayNode a = RunData.JSON.createArrayNode();
    for (JmhResult r : run.throughput()) {
      ObjectNode o = a.addObject();
      o.put("name", "counter " + r.cell().server() + " " + r.cell().label());
      o.put("unit", "ops/s");
      o.put("value", Math.round(r.score() * 10) / 10.0);
      o.put("range", String.format(Locale.ROOT, "± %.1f", r.error95()));
      StringBuilder extra = new StringBuilder(String.format(Locale.ROOT, "TTL-less %d in %d ops", r.ttlLess(), r.ops()));
      run.normalised(r).ifPresent(n -> extra.append(String.format(Locale.ROOT, "; %.3f x PING", n.value())));
      o.put("extra", extra.toString());
    }
    for (JmhResult p : run.pings()) {
      ObjectNode o = a.addObject();
      o.put("name", "calibration " + p.cell().server() + " " + p.cell().label());
      o.put("unit", "ops/s");
      o.put("value", Math.round(p.score() * 10) / 10.0);
      o.put("range", String.format(Locale.ROOT, "± %.1f", p.error95()));
    }
    return a;
  }

  static final String CSS = """
      body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:24px 32px;color:#212121;max-width:1180px}
      h1{margin:0;font-size:26px} h2{border-bottom:2px solid #e0e0e0;padding-bottom:4px;margin-top:32px;font-size:20px}
      .sub{color:#555;margin:4px 0 8px} nav a{margin-right:12px;font-size:13px;color:#1565c0;text-decoration:none}
      table{border-collapse:collapse;font-size:13px;margin:8px 0} th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
      th{background:#f5f5f5} td.n{text-align:right} table.kv th{width:190px}
      .verdicts td{min-width:150px} td.safe{background:#e8f5e9;color:#1b5e20} td.unsafe{background:#ffebee;color:#b71c1c;font-weight:bold}
      td.na{color:#888;font-size:12px} small.exp{color:#666;font-weight:normal}
      .pass{color:#1b5e20;font-weight:bold} .fail{color:#b71c1c;font-weight:bold} .warn{color:#e65100} tr.bad td,li.bad{color:#b71c1c}
      svg.chart{display:block;margin:10px 0 18px;font-size:12px} .ct{font-weight:bold;font-size:14px}
      .lbl{fill:#333} .grp{font-weight:bold;fill:#444} .note{fill:#444} .tick{fill:#777;font-size:11px}
      .grid{stroke:#eee} .ref{stroke:#212121;stroke-dasharray:4 3} .wh{stroke:#212121;stroke-width:1.2;fill:none}
      footer{margin-top:40px;color:#888;font-size:12px}
      """;
}
