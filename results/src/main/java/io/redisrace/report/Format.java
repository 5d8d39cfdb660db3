package io.redisrace.report;

import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the report writes numbers, rates and servers, and which servers and variants a run's
 * counter cells have, in display order: shared by the sections (and {@link OverheadRatio}'s sentence).
 */
public final class Format {
  private Format() {}

  /** "12,345" from 100 up, "12.35" below, "-" for NaN. */
  public static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  /** "3 in 200,000 ops = 15.0/M [5.1-44.1]", "0 in 200,000 ops (&lt; 19.2/M)", or "-" without ops. */
  public static String rate(RateEstimate r) {
    if (r.ops() <= 0) {
      return "-";
    }
    return r.events() == 0
        ? String.format(Locale.ROOT, "0 in %,d ops (< %.1f/M)", r.ops(), r.highPerMillion())
        : String.format(Locale.ROOT, "%d in %,d ops = %.1f/M [%.1f-%.1f]", r.events(), r.ops(), r.perMillion(), r.lowPerMillion(), r.highPerMillion());
  }

  /** The servers of the run's counter cells, sorted by id. */
  public static List<String> servers(RunData run) {
    return new ArrayList<>(new TreeSet<>(run.counterCells().stream().map(r -> r.cell().server()).toList()));
  }

  /** The variants of the run's counter cells: built-ins in their order, then the others by name. */
  public static List<String> variants(RunData run) {
    return run.counterCells().stream().map(r -> r.cell().variant()).distinct().sorted((a, b) -> Variants.rank(a).compareTo(Variants.rank(b))).toList();
  }

  /** " (2.8.19)", or " (2.8.19, docker)" for a bare id of a run on another backend than embedded. */
  public static String versionOf(ReportContext ctx, String server) {
    String v = ctx.run().environment().path("servers").path(server).asText("");
    String both = Stream.of(v, backendOf(ctx, server)).filter(x -> !x.isEmpty()).collect(Collectors.joining(", "));
    return both.isEmpty() ? "" : " (" + both + ")";
  }

  /** Where a bare server id ran when that was not a local process ("docker"); "" otherwise (embedded:&lt;id&gt; says it itself). */
  public static String backendOf(ReportContext ctx, String server) {
    String backend = server.startsWith(CellKey.EMBEDDED_PREFIX) ? "" : ctx.run().environment().path("backend").asText("");
    return backend.equals("embedded") || backend.equals("auto") ? "" : backend;
  }
}
