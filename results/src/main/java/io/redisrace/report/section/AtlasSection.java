package io.redisrace.report.section;

import static io.redisrace.report.Format.rate;
import static io.redisrace.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.report.AtlasGate;
import io.redisrace.report.BenchExpectations;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The version atlas ({@code atlas.json} of {@code redis-race atlas}): one table version x variant,
 * TTL-less keys per million in the race hunt with the 95% Wilson interval, the EXEC trigger and
 * PTTL-in-EXEC counts, each cell marked with its expectation ({@code results/expectations.txt} by
 * version range); and one chart, versions along the x-axis, one colour per variant.
 */
public final class AtlasSection implements ReportSection {
  public String id() { return "atlas"; }
  public String title() { return "Version atlas: TTL-less keys by server version and variant"; }
  public int order() { return 550; }

  /** One version's row: its cells by variant (null where the variant cannot run), its trigger counts. */
  private record Version(String id, String info, List<AtlasGate.Cell> hunts, Optional<AtlasGate.Cell> trigger, long inFlight, String absent) {}

  private static List<Version> versions(JsonNode atlas) {
    List<AtlasGate.Cell> cells = AtlasGate.cells(atlas);
    List<String> variants = new ArrayList<>();
    atlas.path("variants").forEach(v -> variants.add(v.asText()));
    List<Version> out = new ArrayList<>();
    for (JsonNode v : atlas.path("versions")) {
      String id = v.path("id").asText();
      List<AtlasGate.Cell> hunts = new ArrayList<>();
      for (String variant : variants) {
        hunts.add(cells.stream().filter(c -> c.cell().kind().equals(AtlasGate.HUNT) && c.cell().server().equals(id)
            && c.cell().variant().equals(variant)).findFirst().orElse(null));
      }
      Optional<AtlasGate.Cell> trigger = cells.stream().filter(c -> c.cell().kind().equals(AtlasGate.TRIGGER) && c.cell().server().equals(id)).findFirst();
      // A trigger that ran but in which no time passed inside EXEC proved nothing: not measured (AtlasGate.measured).
      out.add(new Version(id, v.path("info").asText(), hunts, trigger, v.path("trigger").path("expiredInFlight").asLong(),
          v.path("trigger").path("runs").asLong() > 0 ? "not measured" : "-"));
    }
    return out;
  }

  private static String verdict(ReportContext ctx, AtlasGate.Cell c) {
    return ctx.expectations().rule(c.cell()).map(BenchExpectations.Rule::verdict).map(BenchExpectations.Verdict::id).orElse("");
  }

  private static String settings(JsonNode atlas) {
    return String.format(Locale.ROOT, "%d versions, %s, %d ms per cell, TTL %d ms, %d key(s), %d connection(s); %d s wall time",
        atlas.path("versions").size(), atlas.path("client").asText(), atlas.path("perCellMs").asLong(), atlas.path("ttlMs").asLong(),
        atlas.path("keys").asInt(), atlas.path("threads").asInt(), Math.round(atlas.path("wallSeconds").asDouble()));
  }

  public Optional<String> html(ReportContext ctx) {
    return AtlasGate.of(ctx.run()).filter(a -> a.path("versions").size() > 0).map(atlas -> {
      List<String> variants = new ArrayList<>();
      atlas.path("variants").forEach(v -> variants.add(v.asText()));
      List<Version> versions = versions(atlas);
      StringBuilder sb = new StringBuilder("<p>Every installed server version (<code>redis-race atlas</code>: ").append(esc(settings(atlas)))
          .append("). A cell: TTL-less keys in the race hunt, per million ops [95% Wilson interval], and in brackets what "
              + "<code>results/expectations.txt</code> says for that version; the EXEC trigger column counts triggers that left a "
              + "TTL-less key, the last one PTTL-inside-EXEC answers of 0 (\"expired in flight\").</p>\n");
      sb.append("<table><tr><th>version</th><th>INFO</th>");
      variants.forEach(v -> sb.append("<th>").append(esc(v)).append("</th>"));
      sb.append("<th>EXEC trigger TTL-less</th><th>PTTL in EXEC expired in flight</th></tr>\n");
      for (Version v : versions) {
        sb.append("<tr><td>").append(esc(v.id())).append("</td><td>").append(esc(v.info())).append("</td>");
        for (AtlasGate.Cell c : v.hunts()) {
          sb.append(c == null ? "<td>n/a</td>" : "<td" + (c.ttlLess() > 0 ? " class=\"bad\"" : "") + ">" + esc(rate(c.rate()))
              + " [" + esc(verdict(ctx, c)) + "]</td>");
        }
        sb.append(v.trigger().map(t -> "<td" + (t.ttlLess() > 0 ? " class=\"bad\"" : "") + ">" + t.ttlLess() + "/" + t.ops() + " ["
            + esc(verdict(ctx, t)) + "]</td><td>" + v.inFlight() + "/" + t.ops() + "</td>").orElse("<td>" + v.absent() + "</td><td>" + v.absent() + "</td>"));
        sb.append("</tr>\n");
      }
      sb.append("</table>\n");
      List<Svg.Series> series = new ArrayList<>();
      for (int i = 0; i < variants.size(); i++) {
        List<Svg.Point> points = new ArrayList<>();
        for (Version v : versions) {
          AtlasGate.Cell c = v.hunts().get(i);
          RateEstimate e = c == null ? null : c.rate();
          points.add(e == null || c.ops() == 0 ? Svg.Point.NONE
              : new Svg.Point(e.perMillion(), e.lowPerMillion(), e.highPerMillion(), rate(e)));
        }
        series.add(new Svg.Series(variants.get(i), Palette.color(variants.get(i)), points));
      }
      sb.append(Svg.columns("TTL-less keys per million ops by version (95% CI)", "TTL-less keys per million ops",
          versions.stream().map(Version::id).toList(), series, Svg.Scale.SYMLOG));
      return sb.toString();
    });
  }

  public Optional<String> markdown(ReportContext ctx) {
    return AtlasGate.of(ctx.run()).filter(a -> a.path("versions").size() > 0).map(atlas -> {
      List<String> variants = new ArrayList<>();
      atlas.path("variants").forEach(v -> variants.add(v.asText()));
      StringBuilder sb = new StringBuilder(settings(atlas)).append(".\n\n| version | INFO | ").append(String.join(" | ", variants))
          .append(" | EXEC trigger TTL-less | PTTL in EXEC expired in flight |\n|---|---|").append("---|".repeat(variants.size()))
          .append("---|---|\n");
      for (Version v : versions(atlas)) {
        sb.append("| ").append(v.id()).append(" | ").append(v.info()).append(" | ");
        for (AtlasGate.Cell c : v.hunts()) {
          sb.append(c == null ? "n/a" : rate(c.rate()) + " [" + verdict(ctx, c) + "]").append(" | ");
        }
        sb.append(v.trigger().map(t -> t.ttlLess() + "/" + t.ops() + " [" + verdict(ctx, t) + "] | " + v.inFlight() + "/" + t.ops())
            .orElse(v.absent() + " | " + v.absent())).append(" |\n");
      }
      return sb.toString();
    });
  }
}
