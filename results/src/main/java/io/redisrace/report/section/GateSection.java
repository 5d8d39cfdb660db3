package io.redisrace.report.section;

import static io.redisrace.report.Svg.esc;

import io.redisrace.report.BenchGate;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import java.util.Locale;
import java.util.Optional;

/** The gate's verdict and table; shown when the gate ran. */
public final class GateSection implements ReportSection {
  public String id() { return "gate"; }
  public String title() { return "Regression gate"; }
  public int order() { return 200; }

  public Optional<String> html(ReportContext ctx) {
    return ctx.gate().map(g -> {
      StringBuilder sb = new StringBuilder();
      sb.append(g.passed() ? "<p class=\"pass\">PASSED</p>" : "<p class=\"fail\">FAILED: " + g.findings().size() + " finding(s)</p>");
      sb.append(String.format(Locale.ROOT, "<p>%d throughput cells compared with the baseline (threshold %.0f%%, beyond the combined 95%% error of "
          + "score / PING); correctness from counts against <code>results/expectations.txt</code>%s.</p>",
          g.cellsCompared(), g.threshold() * 100, !g.hadBaseline() ? "; no baseline, so throughput was not gated"
              : g.otherBackend() != null ? " and the baseline; " + esc(g.otherBackend()) + ", so throughput was not gated (the "
                  + "backend section compares the two backends in this run)" : " and the baseline"));
      if (g.throughputLine() != null) {
        sb.append("<p>").append(esc(g.throughputLine())).append("</p>");
      }
      if (!g.findings().isEmpty()) {
        sb.append("<table><tr><th>rule</th><th>cell</th><th>baseline</th><th>this run</th><th>why</th></tr>");
        for (BenchGate.Finding f : g.findings()) {
          sb.append("<tr class=\"bad\"><td>").append(esc(f.rule().title())).append("</td><td>").append(esc(f.cell().id()))
              .append("</td><td>").append(esc(f.baseline())).append("</td><td>").append(esc(f.run())).append("</td><td>")
              .append(esc(f.why())).append("</td></tr>");
        }
        sb.append("</table>");
      }
      if (!g.notes().isEmpty()) {
        sb.append("<details><summary>").append(g.notes().size()).append(" note(s)</summary><ul>");
        g.notes().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>"));
        sb.append("</ul></details>");
      }
      return sb.toString();
    });
  }

  public Optional<String> markdown(ReportContext ctx) {
    return ctx.gate().map(BenchGate::table);
  }
}
