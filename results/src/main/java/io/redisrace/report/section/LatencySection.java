package io.redisrace.report.section;

import static io.redisrace.report.section.Palette.color;

import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** p50, p99, p99.9 from the sample-time cells. */
public final class LatencySection implements ReportSection {
  public String id() { return "latency"; }
  public String title() { return "Latency percentiles"; }
  public int order() { return 700; }

  static final List<String> PS = List.of("50.0", "99.0", "99.9");

  public Optional<String> html(ReportContext ctx) {
    List<JmhResult> cells = ctx.run().latency();
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("<p>One operation's latency (JMH sample-time mode), microseconds, log scale. The tail (p99.9) is "
        + "where a shared 2-core machine shows its neighbours; compare variants within one run, not across machines.</p>");
    List<Svg.Row> rows = new ArrayList<>();
    for (JmhResult r : cells) {
      rows.add(Svg.Row.heading("Redis " + r.cell().server() + " · " + r.cell().label()));
      for (String p : PS) {
        double v = r.percentile(p).orElse(Double.NaN);
        if (!Double.isNaN(v)) {
          rows.add(new Svg.Row("p" + p.replace(".0", ""), v, Double.NaN, Double.NaN, color(r.cell().variant()), Svg.Mark.BAR,
              String.format(Locale.ROOT, "%.1f µs", v)));
        }
      }
    }
    sb.append(Svg.chart("Latency percentiles", "µs per operation", rows, Svg.Scale.SYMLOG, null));
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    List<JmhResult> cells = ctx.run().latency();
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("| server | cell | p50 µs | p99 µs | p99.9 µs |\n|---|---|---:|---:|---:|\n");
    for (JmhResult r : cells) {
      sb.append("| ").append(r.cell().server()).append(" | ").append(r.cell().label());
      PS.forEach(p -> sb.append(" | ").append(r.percentile(p).map(v -> String.format(Locale.ROOT, "%.1f", v)).orElse("-")));
      sb.append(" |\n");
    }
    return Optional.of(sb.toString());
  }
}
