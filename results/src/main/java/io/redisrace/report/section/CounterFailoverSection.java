package io.redisrace.report.section;

import static io.redisrace.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counters under failover ({@code counter-failover.json} of {@code redis-race hunt --topology
 * sentinel --fault ... --run-dir}): one table, a row per server x client x fault x persistence, a
 * column per counter variant; a cell is the acknowledged increments the counters lost after the
 * heal, of those acknowledged, and the TTL-less keys when there are any. docs/sentinel.md defines
 * the measure.
 */
public final class CounterFailoverSection implements ReportSection {
  public String id() { return "counter-failover"; }
  public String title() { return "Counters under failover: lost increments and TTL-less keys by variant, fault and persistence"; }
  public int order() { return 560; }

  /** One row: its label parts, and its cells by variant. */
  private record Row(String server, String client, String fault, String persistence, Map<String, JsonNode> cells) {}

  private static Optional<JsonNode> cells(ReportContext ctx) {
    return ctx.run().file(RunDir.COUNTER_FAILOVER).map(f -> f.path("cells")).filter(c -> c.isArray() && c.size() > 0);
  }

  private static List<String> variants(JsonNode cells) {
    List<String> variants = new ArrayList<>();
    cells.forEach(c -> {
      if (!variants.contains(c.path("variant").asText())) {
        variants.add(c.path("variant").asText());
      }
    });
    return variants;
  }

  private static List<Row> rows(JsonNode cells) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (JsonNode c : cells) {
      String server = c.path("server").asText() + " (" + c.path("version").asText() + ")";
      Row r = rows.computeIfAbsent(String.join("|", server, c.path("client").asText(), c.path("fault").asText(), c.path("persistence").asText()),
          k -> new Row(server, c.path("client").asText(), c.path("fault").asText(), c.path("persistence").asText(), new LinkedHashMap<>()));
      r.cells().put(c.path("variant").asText(), c);
    }
    return List.copyOf(rows.values());
  }

  /** "12.5% (1,250 of 10,000)", the TTL-less keys, and what makes the cell less than exact. */
  static String cell(JsonNode c) {
    long lost = c.path("lostIncrements").asLong();
    long acked = c.path("acknowledged").asLong();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%.1f%% (%,d of %,d)", acked == 0 ? 0.0 : 100.0 * lost / acked, lost, acked));
    long ttlLess = c.path("ttlLessKeys").asLong();
    if (ttlLess > 0) {
      sb.append(String.format(Locale.ROOT, "; %,d TTL-less", ttlLess));
    }
    if (!c.path("healed").asBoolean(true)) {
      sb.append("; not healed");
    }
    if (!c.path("exact").asBoolean(true)) {
      sb.append("; not exact");
    }
    return sb.toString();
  }

  private static boolean bad(JsonNode c) {
    return c.path("lostIncrements").asLong() > 0 || c.path("ttlLessKeys").asLong() > 0;
  }

  private static String failedOver(Row r) {
    return r.cells().values().stream().anyMatch(c -> c.path("failedOver").asBoolean()) ? "yes" : "no";
  }

  private static String settings(JsonNode cells) {
    JsonNode first = cells.get(0);
    return String.format(Locale.ROOT, "%d cells; TTL %,d ms, %d key(s), %d connection(s), strikes per hunt %d", cells.size(),
        first.path("ttlMs").asLong(), first.path("keys").asInt(), first.path("threads").asInt(), first.path("strikes").asInt());
  }

  private static final String LEAD = "Each hunt ran one counter variant on the primary of a Sentinel topology (1 primary, 2 replicas, "
      + "3 Sentinels) through clients in Sentinel mode, struck it mid-hunt, and read every key after the heal. A cell: acknowledged "
      + "increments lost (acknowledged INCR replies minus the distinct acknowledged values up to the key's final value: a counter "
      + "that went backwards), of those acknowledged; then TTL-less keys, if any. The TTL outlasts the hunt, so no key expired on "
      + "its own.";

  public Optional<String> html(ReportContext ctx) {
    return cells(ctx).map(cells -> {
      List<String> variants = variants(cells);
      StringBuilder sb = new StringBuilder("<p>").append(esc(LEAD)).append(" (").append(esc(settings(cells))).append(".)</p>\n");
      sb.append("<table><tr><th>server</th><th>client</th><th>fault</th><th>persistence</th><th>failed over</th>");
      variants.forEach(v -> sb.append("<th>").append(esc(v)).append("</th>"));
      sb.append("</tr>\n");
      for (Row r : rows(cells)) {
        sb.append("<tr><td>").append(esc(r.server())).append("</td><td>").append(esc(r.client())).append("</td><td>").append(esc(r.fault()))
            .append("</td><td>").append(esc(r.persistence())).append("</td><td>").append(failedOver(r)).append("</td>");
        for (String v : variants) {
          JsonNode c = r.cells().get(v);
          sb.append(c == null ? "<td>-</td>" : "<td" + (bad(c) ? " class=\"bad\"" : "") + ">" + esc(cell(c)) + "</td>");
        }
        sb.append("</tr>\n");
      }
      return sb.append("</table>\n").toString();
    });
  }

  public Optional<String> markdown(ReportContext ctx) {
    return cells(ctx).map(cells -> {
      List<String> variants = variants(cells);
      StringBuilder sb = new StringBuilder(settings(cells)).append(". Lost acknowledged increments, of those acknowledged.\n\n")
          .append("| server | client | fault | persistence | failed over | ").append(String.join(" | ", variants)).append(" |\n")
          .append("|---|---|---|---|---|").append("---|".repeat(variants.size())).append('\n');
      for (Row r : rows(cells)) {
        sb.append("| ").append(String.join(" | ", r.server(), r.client(), r.fault(), r.persistence(), failedOver(r))).append(" | ");
        for (String v : variants) {
          JsonNode c = r.cells().get(v);
          sb.append(c == null ? "-" : cell(c)).append(" | ");
        }
        sb.setLength(sb.length() - 1);
        sb.append('\n');
      }
      return sb.toString();
    });
  }
}
