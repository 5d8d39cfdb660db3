package io.redisrace.report.section;

import static io.redisrace.report.Format.backendOf;
import static io.redisrace.report.Format.servers;
import static io.redisrace.report.Format.variants;
import static io.redisrace.report.Format.versionOf;
import static io.redisrace.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.redisrace.process.RunDir;
import io.redisrace.report.JmhResult;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.stats.RateEstimate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Safe on / unsafe on, per variant and server, from every cell of the run. */
public final class VerdictsSection implements ReportSection {
  public String id() { return "verdicts"; }
  public String title() { return "Verdicts: safe on / unsafe on"; }
  public int order() { return 300; }

  record Verdict(long events, long ops, RateEstimate worst, String expectation) {}

  static Map<String, Map<String, Verdict>> table(ReportContext ctx) {
    Map<String, Map<String, Verdict>> t = new LinkedHashMap<>();
    for (String v : variants(ctx.run())) {
      Map<String, Verdict> row = new LinkedHashMap<>();
      for (String s : servers(ctx.run())) {
        List<JmhResult> cells = ctx.run().counterCells().stream()
            .filter(r -> r.cell().variant().equals(v) && r.cell().server().equals(s)).toList();
        if (cells.isEmpty()) {
          continue;
        }
        long events = cells.stream().mapToLong(JmhResult::ttlLess).sum();
        long ops = cells.stream().mapToLong(JmhResult::ops).sum();
        RateEstimate worst = cells.stream().map(JmhResult::ttlLessRate).max((a, b) -> Double.compare(a.perMillion(), b.perMillion())).get();
        Set<String> exp = new LinkedHashSet<>();
        cells.forEach(c -> ctx.expectations().rule(c.cell()).ifPresent(r -> exp.add(r.verdict().id())));
        row.put(s, new Verdict(events, ops, worst, String.join("/", exp)));
      }
      t.put(v, row);
    }
    return t;
  }

  public Optional<String> html(ReportContext ctx) {
    if (ctx.run().counterCells().isEmpty()) {
      return Optional.empty();
    }
    List<String> servers = servers(ctx.run());
    StringBuilder sb = new StringBuilder("<p>A cell is <b>unsafe</b> when any benchmark cell of this variant on this server left a key "
        + "without a TTL (in-band PTTL -1 or found by the keyspace audit). \"None in N ops\" is not \"never\": the bound is the 95% "
        + "upper limit of the rate. Small print: what <code>results/expectations.txt</code> says.</p>");
    sb.append("<table class=\"verdicts\"><tr><th>variant</th>");
    servers.forEach(s -> sb.append("<th>Redis ").append(esc(s)).append(versionOf(ctx, s)).append("</th>"));
    sb.append("</tr>");
    for (var row : table(ctx).entrySet()) {
      sb.append("<tr><td><b>").append(esc(row.getKey())).append("</b></td>");
      for (String s : servers) {
        Verdict v = row.getValue().get(s);
        if (v == null) {
          sb.append("<td class=\"na\">").append(esc(skippedReason(ctx, row.getKey(), s))).append("</td>");
        } else if (v.events() > 0) {
          sb.append(String.format(Locale.ROOT, "<td class=\"unsafe\">UNSAFE<br><small>%d TTL-less in %,d ops; worst cell %.1f/M</small>", v.events(),
              v.ops(), v.worst().perMillion()));
          sb.append("<br><small class=\"exp\">").append(esc(v.expectation())).append("</small></td>");
        } else {
          sb.append(String.format(Locale.ROOT, "<td class=\"safe\">safe<br><small>none in %,d ops (&lt; %.2f/M)</small>", v.ops(),
              RateEstimate.of(0, v.ops()).highPerMillion()));
          sb.append("<br><small class=\"exp\">").append(esc(v.expectation())).append("</small></td>");
        }
      }
      sb.append("</tr>");
    }
    sb.append("</table>");
    return Optional.of(sb.toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    if (ctx.run().counterCells().isEmpty()) {
      return Optional.empty();
    }
    List<String> servers = servers(ctx.run());
    StringBuilder sb = new StringBuilder("| variant |");
    servers.forEach(s -> sb.append(" Redis ").append(s).append(backendOf(ctx, s).isEmpty() ? "" : " (" + backendOf(ctx, s) + ")").append(" |"));
    sb.append("\n|---|");
    servers.forEach(s -> sb.append("---|"));
    sb.append("\n");
    for (var row : table(ctx).entrySet()) {
      sb.append("| ").append(row.getKey()).append(" |");
      for (String s : servers) {
        Verdict v = row.getValue().get(s);
        sb.append(v == null ? " n/a |" : v.events() > 0
            ? String.format(Locale.ROOT, " **unsafe** (%d TTL-less in %,d ops) |", v.events(), v.ops())
            : String.format(Locale.ROOT, " safe (0 in %,d ops) |", v.ops()));
      }
      sb.append("\n");
    }
    return Optional.of(sb.toString());
  }

  /** "not run: why" from run.json's skipped cells, or "not run". */
  static String skippedReason(ReportContext ctx, String variant, String server) {
    for (JsonNode s : ctx.run().file(RunDir.RUN).map(r -> r.path("skipped")).orElse(MissingNode.getInstance())) {
      String cell = s.path("cell").asText();
      if (cell.contains("variant=" + variant + " ") && cell.contains("server=" + server + " ")) {
        return "not run: " + s.path("reason").asText();
      }
    }
    return "not run";
  }
}
