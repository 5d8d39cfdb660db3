package io.redisrace.report.section;

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

/** Each variant's throughput relative to multi in the same cell shape. */
public final class CostOfSafetySection implements ReportSection {
  public String id() { return "cost-of-safety"; }
  public String title() { return "Cost of safety (throughput relative to multi)"; }
  public int order() { return 600; }

  record Ratio(JmhResult cell, double ratio, double error) {}

  static List<Ratio> ratios(RunData run) {
    List<Ratio> out = new ArrayList<>();
    for (JmhResult r : run.throughput()) {
      if (r.cell().variant().equals("multi")) {
        continue;
      }
      run.find(r.cell().withVariant("multi")).filter(m -> m.score() > 0).ifPresent(m -> {
        double ratio = r.score() / m.score();
        out.add(new Ratio(r, ratio, ratio * Math.hypot(r.error95() / r.score(), m.error95() / m.score())));
      });
    }
    return out;
  }

  public Optional<String> html(ReportContext ctx) {
    List<Ratio> ratios = ratios(ctx.run());
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("<p>Each variant's ops/s divided by <code>multi</code>'s in the same server, client, TTL, keyspace "
        + "and threads (the line at 1.0 is multi). Right of the line: the safe form is also the faster one. Green: no TTL-less key "
        + "in that cell; red: some.</p>");
    List<Svg.Row> rows = new ArrayList<>();
    String group = null;
    for (Ratio r : ratios) {
      CellKey c = r.cell().cell();
      String g = "Redis " + c.server() + " · " + c.client() + " · " + c.threads() + " thr · " + c.ttlMs() + " ms · " + c.keys() + " key(s)";
      if (!g.equals(group)) {
        rows.add(Svg.Row.heading(g));
        group = g;
      }
      rows.add(new Svg.Row(c.variant(), r.ratio(), r.ratio() - r.error(), r.ratio() + r.error(), r.cell().ttlLess() > 0 ? RED : GREEN,
          Svg.Mark.BAR, String.format(Locale.ROOT, "%.2f× multi", r.ratio())));
    }
    sb.append(Svg.chart("Throughput relative to multi", "× multi", rows, Svg.Scale.LINEAR, 1.0));
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    List<Ratio> ratios = ratios(ctx.run()).stream()
        .filter(r -> r.cell().cell().threads() == 1 && r.cell().cell().keys() == 1 && r.cell().cell().ttlMs() == 20).toList();
    if (ratios.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("One thread, one key, 20 ms TTL.\n\n| server | client | variant | × multi |\n|---|---|---|---:|\n");
    ratios.forEach(r -> sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f |%n", r.cell().cell().server(), r.cell().cell().client(),
        r.cell().cell().variant(), r.ratio())));
    return Optional.of(sb.toString());
  }
}
