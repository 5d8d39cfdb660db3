package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Format.rate;
import static io.redisrace.report.Format.servers;
import static io.redisrace.report.Format.versionOf;
import static io.redisrace.report.section.Palette.RED;
import static io.redisrace.report.section.Palette.color;

import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Ops/s per cell with 95% whiskers, one chart per server. */
public final class ThroughputSection implements ReportSection {
  public String id() { return "throughput"; }
  public String title() { return "Throughput"; }
  public int order() { return 400; }

  public Optional<String> html(ReportContext ctx) {
    List<JmhResult> cells = ctx.run().throughput();
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("<p>Operations per second, mean of the measured iterations; whiskers: 95% interval of the mean "
        + "from the iterations. Red bars: the cell left TTL-less keys (fast, but wrong). The number on the right is the "
        + "score relative to PING (same client, server, threads), the figure the gate compares across runs and machines.</p>");
    for (String server : servers(ctx.run())) {
      List<Svg.Row> rows = new ArrayList<>();
      String group = null;
      for (JmhResult r : cells) {
        if (!r.cell().server().equals(server)) {
          continue;
        }
        String g = r.cell().client() + " · " + r.cell().threads() + " thread(s) · " + r.cell().ttlMs() + " ms TTL · " + r.cell().keys() + " key(s)";
        if (!g.equals(group)) {
          rows.add(Svg.Row.heading(g));
          group = g;
        }
        String norm = ctx.run().normalised(r).map(n -> String.format(Locale.ROOT, "%.2f× PING", n.value())).orElse("");
        rows.add(new Svg.Row(r.cell().variant(), r.score(), r.score() - r.error95(), r.score() + r.error95(),
            r.ttlLess() > 0 ? RED : color(r.cell().variant()), Svg.Mark.BAR, num(r.score()) + " ops/s  " + norm));
      }
      sb.append(Svg.chart("Redis " + server + versionOf(ctx, server) + ": throughput", "ops/s", rows, Svg.Scale.LINEAR, null));
    }
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    List<JmhResult> cells = ctx.run().throughput();
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("| cell | ops/s | ± (95%) | × PING | TTL-less |\n|---|---:|---:|---:|---|\n");
    for (JmhResult r : cells) {
      sb.append("| ").append(r.cell().server()).append(" · ").append(r.cell().label()).append(" | ").append(num(r.score())).append(" | ")
          .append(num(r.error95())).append(" | ")
          .append(ctx.run().normalised(r).map(n -> String.format(Locale.ROOT, "%.3f", n.value())).orElse("-")).append(" | ")
          .append(r.ttlLess() > 0 ? "**" + rate(r.ttlLessRate()) + "**" : rate(r.ttlLessRate())).append(" |\n");
    }
    return Optional.of(sb.toString());
  }
}
