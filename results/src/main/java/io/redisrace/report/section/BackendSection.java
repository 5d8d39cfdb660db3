package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Svg.esc;
import static io.redisrace.report.section.Palette.GREEN;
import static io.redisrace.report.section.Palette.RED;

import io.redisrace.report.CellKey;
import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.RunData;
import io.redisrace.report.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Docker / embedded throughput: what running Redis in a container costs, per server version. A
 * docker-backed run ({@code -Dharness.backend=docker}) runs the plan's bare server ids ({@code 7.0})
 * as images and its {@code embedded:<id>} reference cells as local processes, in the same run; this
 * section divides each cell by its reference (same variant, client, TTL, keys, threads) and the
 * PING calibrations likewise. Shown only when the run has reference cells.
 */
public final class BackendSection implements ReportSection {
  static final String PREFIX = CellKey.EMBEDDED_PREFIX;

  public String id() { return "backend"; }

  public String title() { return "Backend: docker / embedded throughput"; }

  public int order() { return 650; }

  /** One cell against its embedded reference. */
  record Ratio(JmhResult cell, JmhResult reference, double ratio, double error) {
    String server() {
      return cell.cell().server();
    }

    String label() {
      return cell.cell().label();
    }
  }

  static List<Ratio> ratios(RunData run) {
    List<Ratio> out = new ArrayList<>();
    List<JmhResult> candidates = new ArrayList<>(run.pings());
    candidates.addAll(run.throughput());
    for (JmhResult r : candidates) {
      CellKey c = r.cell();
      if (c.server().startsWith(PREFIX) || r.score() <= 0) {
        continue;
      }
      CellKey ref = new CellKey(c.kind(), c.variant(), c.client(), PREFIX + c.server(), c.ttlMs(), c.keys(), c.threads());
      run.find(ref).filter(e -> e.score() > 0).ifPresent(e -> {
        double ratio = r.score() / e.score();
        out.add(new Ratio(r, e, ratio, ratio * Math.hypot(r.error95() / r.score(), e.error95() / e.score())));
      });
    }
    return out;
  }

  /** The backend the bare ids ran on, from run.json ("docker" for a run that has references). */
  static String backend(RunData run) {
    return run.environment().path("backend").asText("docker");
  }

  public Optional<String> html(ReportContext ctx) {
    List<Ratio> ratios = ratios(ctx.run());
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    String backend = esc(backend(ctx.run()));
    StringBuilder sb = new StringBuilder("<p>Each cell's ops/s on the <b>" + backend + "</b> backend divided by the same cell on the same "
        + "Redis version run as a local process (<code>embedded:&lt;id&gt;</code>), in the same run. Below 1.0: the container path "
        + "costs throughput. PING rows are the bare round trip, the same ratio without any command work. Green: no TTL-less key; "
        + "red: some (compare with the verdicts: the same variants must race on the same versions).</p>");
    List<Svg.Row> rows = new ArrayList<>();
    String group = null;
    for (Ratio r : ratios) {
      if (!r.server().equals(group)) {
        group = r.server();
        rows.add(Svg.Row.heading("Redis " + group));
      }
      rows.add(new Svg.Row(r.label(), r.ratio(), r.ratio() - r.error(), r.ratio() + r.error(), r.cell().ttlLess() > 0 ? RED : GREEN,
          Svg.Mark.BAR, String.format(Locale.ROOT, "%.2f×", r.ratio())));
    }
    sb.append(Svg.chart("Throughput, " + backend(ctx.run()) + " / embedded", "× embedded", rows, Svg.Scale.LINEAR, 1.0));
    sb.append("<table><tr><th>server</th><th>cell</th><th>").append(backend).append(" ops/s</th><th>embedded ops/s</th><th>ratio</th></tr>");
    for (Ratio r : ratios) {
      sb.append("<tr><td>").append(esc(r.server())).append("</td><td>").append(esc(r.label())).append("</td><td class=\"n\">")
          .append(num(r.cell().score())).append("</td><td class=\"n\">").append(num(r.reference().score())).append("</td><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%.2f ± %.2f", r.ratio(), r.error())).append("</td></tr>");
    }
    return Optional.of(sb.append("</table>").toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    List<Ratio> ratios = ratios(ctx.run());
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    String backend = backend(ctx.run());
    StringBuilder sb = new StringBuilder("Same cell, same Redis version, same run: " + backend + " backend / embedded process.\n\n"
        + "| server | cell | " + backend + " ops/s | embedded ops/s | ratio |\n|---|---|---:|---:|---:|\n");
    ratios.forEach(r -> sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f ± %.2f |%n", r.server(), r.label(),
        num(r.cell().score()), num(r.reference().score()), r.ratio(), r.error())));
    return Optional.of(sb.toString());
  }
}
