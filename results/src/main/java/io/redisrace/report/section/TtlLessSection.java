package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Format.rate;
import static io.redisrace.report.Format.versionOf;
import static io.redisrace.report.section.Palette.GREEN;
import static io.redisrace.report.section.Palette.RED;

import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** TTL-less keys per million with Wilson 95% intervals. */
public final class TtlLessSection implements ReportSection {
  public String id() { return "ttl-less"; }
  public String title() { return "TTL-less keys per million operations"; }
  public int order() { return 500; }

  public Optional<String> html(ReportContext ctx) {
    List<JmhResult> cells = ctx.run().counterCells();
    if (cells.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("<p>Keys left without a TTL per million counter operations: in-band (the operation's own PTTL "
        + "returned -1) plus the keyspace audit at the end of every iteration. Dot: the observed rate; whisker: 95% Wilson interval. "
        + "A hollow dot at 0 with a whisker is \"none seen\": the whisker's end is how high the rate could still be. Rates rise as the "
        + "TTL shrinks: the 1 ms cells are race hunts, not a setting anyone would use.</p>");
    List<Svg.Row> rows = new ArrayList<>();
    String group = null;
    for (JmhResult r : cells) {
      if (!r.cell().server().equals(group)) {
        rows.add(Svg.Row.heading("Redis " + r.cell().server() + versionOf(ctx, r.cell().server())));
        group = r.cell().server();
      }
      RateEstimate e = r.ttlLessRate();
      String exp = ctx.expectations().rule(r.cell()).map(x -> "  [" + x.verdict().id() + "]").orElse("");
      rows.add(new Svg.Row(r.cell().label() + (r.cell().kind().equals("sample") ? " (latency run)" : ""), e.perMillion(), e.lowPerMillion(),
          e.highPerMillion(), e.events() > 0 ? RED : GREEN, e.events() > 0 ? Svg.Mark.DOT : Svg.Mark.HOLLOW_DOT,
          (e.events() > 0 ? String.format(Locale.ROOT, "%d = %.1f/M", e.events(), e.perMillion()) : "0 in " + num(e.ops()) + " ops") + exp));
    }
    sb.append(Svg.chart("TTL-less keys per million ops (95% CI)", "TTL-less keys per million ops", rows, Svg.Scale.SYMLOG, null));
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    List<JmhResult> bad = ctx.run().counterCells().stream().filter(r -> r.ttlLess() > 0).toList();
    if (ctx.run().counterCells().isEmpty()) {
      return Optional.empty();
    }
    if (bad.isEmpty()) {
      return Optional.of("No cell left a TTL-less key.\n");
    }
    StringBuilder sb = new StringBuilder("| server | cell | TTL-less (95% CI per million) |\n|---|---|---|\n");
    bad.forEach(r -> sb.append("| ").append(r.cell().server()).append(" | ").append(r.cell().label())
        .append(r.cell().kind().equals("sample") ? " (latency run)" : "").append(" | ").append(rate(r.ttlLessRate())).append(" |\n"));
    return Optional.of(sb.toString());
  }
}
