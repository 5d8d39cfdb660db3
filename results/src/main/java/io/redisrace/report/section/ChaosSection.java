package io.redisrace.report.section;

import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.process.RunDir;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import java.util.List;
import java.util.Optional;

/**
 * The chaos matrix of the run ({@code chaos.json}, written by {@code redis-race-chaos run}, which
 * {@code mvn verify -Pbench} runs in quick mode): a heat table, loader variant x fault, each cell
 * the trials with a lost row / with a duplicated row; and the chaos gate's verdict (any loss or
 * duplication by {@code fenced}; in full mode also a known-unsafe cell that went undetected).
 */
public final class ChaosSection implements ReportSection {

  @Override
  public String id() {
    return "chaos";
  }

  @Override
  public String title() {
    return "Chaos: exactly-once chunk loading under faults";
  }

  @Override
  public int order() {
    return 850;
  }

  @Override
  public Optional<String> html(ReportContext ctx) {
    return ctx.run().file(RunDir.CHAOS).map(doc -> {
      StringBuilder sb = new StringBuilder();
      sb.append("<p>Mode <b>").append(Svg.esc(doc.path("mode").asText("?"))).append("</b>, seed ")
          .append(Svg.esc(doc.path("seed").asText("?"))).append(", ").append(doc.path("trials").size())
          .append(" trials. Each cell: trials with a lost row / trials with a duplicated row.</p>\n");
      sb.append(ChaosHeatTable.from(doc).html());
      List<String> failures = ChaosGate.evaluate(doc);
      sb.append(failures.isEmpty()
          ? "<p><b>Chaos gate: passed.</b></p>"
          : "<p><b>Chaos gate: FAILED</b></p><ul>" + failures.stream().map(f -> "<li>" + Svg.esc(f) + "</li>").reduce("", String::concat) + "</ul>");
      return sb.toString();
    });
  }

  @Override
  public Optional<String> markdown(ReportContext ctx) {
    return ctx.run().file(RunDir.CHAOS).map(doc -> {
      List<String> failures = ChaosGate.evaluate(doc);
      return ChaosHeatTable.from(doc).markdown() + "\n"
          + (failures.isEmpty() ? "Chaos gate: passed.\n" : "Chaos gate: FAILED\n\n- " + String.join("\n- ", failures) + "\n");
    });
  }
}
