package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import java.util.Optional;

/** Cells that did not run, failures, and benchmarks the report does not chart. */
public final class SkippedSection implements ReportSection {
  public String id() { return "skipped"; }
  public String title() { return "Not run"; }
  public int order() { return 1000; }

  public Optional<String> html(ReportContext ctx) {
    StringBuilder sb = new StringBuilder();
    JsonNode info = ctx.run().file(RunDir.RUN).orElse(null);
    if (info != null) {
      for (JsonNode s : info.path("skipped")) {
        sb.append("<li>").append(esc(s.path("cell").asText())).append(": ").append(esc(s.path("reason").asText())).append("</li>");
      }
      for (JsonNode f : info.path("failures")) {
        sb.append("<li class=\"bad\">FAILED: ").append(esc(f.asText())).append("</li>");
      }
    }
    for (JmhResult r : ctx.run().others()) {
      sb.append("<li>").append(esc(r.benchmark())).append(" (").append(esc(r.mode())).append("): ").append(num(r.score())).append(' ')
          .append(esc(r.unit())).append(" — not charted</li>");
    }
    return sb.length() == 0 ? Optional.empty() : Optional.of("<ul>" + sb + "</ul>");
  }
}
