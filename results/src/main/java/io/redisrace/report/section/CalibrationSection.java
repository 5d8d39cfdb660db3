package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Svg.esc;

import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import java.util.List;
import java.util.Optional;

/** The PING cells. */
public final class CalibrationSection implements ReportSection {
  public String id() { return "calibration"; }
  public String title() { return "Calibration (PING)"; }
  public int order() { return 900; }

  public Optional<String> html(ReportContext ctx) {
    List<JmhResult> pings = ctx.run().pings();
    if (pings.isEmpty()) {
      return Optional.of("<p class=\"warn\">No PING calibration in this run: throughput cannot be normalised, and the gate does not "
          + "judge it.</p>");
    }
    StringBuilder sb = new StringBuilder("<p>A bare PING round trip, same client, server and thread count, same run: the yardstick "
        + "that makes scores comparable across machines.</p><table><tr><th>server</th><th>client</th><th>threads</th><th>PING ops/s</th>"
        + "<th>± (95%)</th></tr>");
    for (JmhResult p : pings) {
      sb.append("<tr><td>").append(esc(p.cell().server())).append("</td><td>").append(esc(p.cell().client())).append("</td><td>")
          .append(p.cell().threads()).append("</td><td class=\"n\">").append(num(p.score())).append("</td><td class=\"n\">")
          .append(num(p.error95())).append("</td></tr>");
    }
    return Optional.of(sb.append("</table>").toString());
  }
}
