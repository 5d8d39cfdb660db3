package io.redisrace.report;

import static io.redisrace.report.Svg.esc;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The report's built-in sections, in order. */
public final class BuiltInSections {
  private BuiltInSections() {}

  public static List<ReportSection> all() {
    return List.of(new Overview(), new GateSection(), new Verdicts(), new Throughput(), new TtlLess(), new CostOfSafety(),
        new BackendSection(), new Latency(), new Overhead(), new Calibration(), new Skipped());
  }

  static final String RED = "#c62828";
  static final String GREEN = "#2e7d32";
  static final String GREY = "#9e9e9e";

  static String color(String variant) {
    return switch (variant) {
      case "naive" -> "#8d6e63";
      case "pipeline" -> "#a1887f";
      case "multi" -> "#ef6c00";
      case "watch-retry" -> "#f9a825";
      case "multi-heal" -> "#5e35b1";
      case "lua" -> "#1565c0";
      case "lua-heal" -> "#00838f";
      default -> "#546e7a";
    };
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }

  static String rate(RateEstimate r) {
    if (r.ops() <= 0) {
      return "-";
    }
    return r.events() == 0
        ? String.format(Locale.ROOT, "0 in %,d ops (< %.1f/M)", r.ops(), r.highPerMillion())
        : String.format(Locale.ROOT, "%d in %,d ops = %.1f/M [%.1f-%.1f]", r.events(), r.ops(), r.perMillion(), r.lowPerMillion(), r.highPerMillion());
  }

  static <T> Set<T> ordered(List<T> list) {
    return new LinkedHashSet<>(list);
  }

  static List<String> servers(RunData run) {
    return new ArrayList<>(new TreeSet<>(run.counterCells().stream().map(r -> r.cell().server()).toList()));
  }

  static List<String> variants(RunData run) {
    return run.counterCells().stream().map(r -> r.cell().variant()).distinct().sorted((a, b) -> Variants.rank(a).compareTo(Variants.rank(b))).toList();
  }

  /** Run header: what, when, where. */
  static final class Overview implements ReportSection {
    public String id() { return "overview"; }
    public String title() { return "Run"; }
    public int order() { return 100; }

    public Optional<String> html(ReportContext ctx) {
      RunData run = ctx.run();
      StringBuilder sb = new StringBuilder("<table class=\"kv\">");
      JsonNode info = run.file("run.json").orElse(null);
      kv(sb, "run", run.name());
      if (info != null) {
        kv(sb, "mode", info.path("mode").asText() + " (include " + info.path("include").asText() + ")");
        kv(sb, "started", info.path("started").asText());
        kv(sb, "benchmark wall time", info.path("wallSeconds").asText() + " s");
      }
      run.environment().fields().forEachRemaining(f -> {
        if (f.getValue().isObject()) {
          List<String> parts = new ArrayList<>();
          f.getValue().fields().forEachRemaining(s -> parts.add(s.getKey() + " = " + s.getValue().asText()));
          kv(sb, f.getKey(), String.join(", ", parts));
        } else {
          kv(sb, f.getKey(), f.getValue().asText());
        }
      });
      kv(sb, "cells", run.counterCells().size() + " counter cells, " + run.pings().size() + " PING calibration cells");
      ctx.baseline().ifPresent(b -> kv(sb, "compared with", b.name()));
      sb.append("</table>");
      return Optional.of(sb.toString());
    }

    public Optional<String> markdown(ReportContext ctx) {
      JsonNode info = ctx.run().file("run.json").orElse(null);
      String mode = info == null ? "" : " mode **" + info.path("mode").asText() + "**,";
      return Optional.of("Run `" + ctx.run().name() + "`," + mode + " " + ctx.run().counterCells().size() + " counter cells"
          + ctx.baseline().map(b -> ", compared with " + b.name()).orElse("") + ".\n");
    }

    private static void kv(StringBuilder sb, String k, String v) {
      sb.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }
  }

  /** The gate's verdict and table. */
  static final class GateSection implements ReportSection {
    public String id() { return "gate"; }
    public String title() { return "Regression gate"; }
    public int order() { return 200; }

    public Optional<String> html(ReportContext ctx) {
      return ctx.gate().map(g -> {
        StringBuilder sb = new StringBuilder();
        sb.append(g.passed() ? "<p class=\"pass\">PASSED</p>" : "<p class=\"fail\">FAILED: " + g.findings().size() + " finding(s)</p>");
        sb.append(String.format(Locale.ROOT, "<p>%d throughput cells compared with the baseline (threshold %.0f%%, beyond the combined 95%% error of "
            + "score / PING); correctness from counts against <code>results/expectations.txt</code>%s.</p>",
            g.cellsCompared(), g.threshold() * 100, !g.hadBaseline() ? "; no baseline, so throughput was not gated"
                : g.otherBackend() != null ? " and the baseline; " + esc(g.otherBackend()) + ", so throughput was not gated (the "
                    + "backend section compares the two backends in this run)" : " and the baseline"));
        if (g.throughputLine() != null) {
          sb.append("<p>").append(esc(g.throughputLine())).append("</p>");
        }
        if (!g.findings().isEmpty()) {
          sb.append("<table><tr><th>rule</th><th>cell</th><th>baseline</th><th>this run</th><th>why</th></tr>");
          for (Gate.Finding f : g.findings()) {
            sb.append("<tr class=\"bad\"><td>").append(esc(f.rule().title())).append("</td><td>").append(esc(f.cell().id()))
                .append("</td><td>").append(esc(f.baseline())).append("</td><td>").append(esc(f.run())).append("</td><td>")
                .append(esc(f.why())).append("</td></tr>");
          }
          sb.append("</table>");
        }
        if (!g.notes().isEmpty()) {
          sb.append("<details><summary>").append(g.notes().size()).append(" note(s)</summary><ul>");
          g.notes().forEach(n -> sb.append("<li>").append(esc(n)).append("</li>"));
          sb.append("</ul></details>");
        }
        return sb.toString();
      });
    }

    public Optional<String> markdown(ReportContext ctx) {
      return ctx.gate().map(Gate::table);
    }
  }

  /** Safe on / unsafe on, per variant and server, from every cell of the run. */
  static final class Verdicts implements ReportSection {
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

    /** " (2.8.19)", or " (2.8.19, docker)" for a bare id of a run on another backend than embedded. */
    static String versionOf(ReportContext ctx, String server) {
      String v = ctx.run().environment().path("servers").path(server).asText("");
      String both = java.util.stream.Stream.of(v, backendOf(ctx, server)).filter(x -> !x.isEmpty())
          .collect(java.util.stream.Collectors.joining(", "));
      return both.isEmpty() ? "" : " (" + both + ")";
    }

    /** Where a bare server id ran when that was not a local process ("docker"); "" otherwise (embedded:&lt;id&gt; says it itself). */
    static String backendOf(ReportContext ctx, String server) {
      String backend = server.startsWith(CellKey.EMBEDDED_PREFIX) ? "" : ctx.run().environment().path("backend").asText("");
      return backend.equals("embedded") || backend.equals("auto") ? "" : backend;
    }

    static String skippedReason(ReportContext ctx, String variant, String server) {
      for (JsonNode s : ctx.run().file("run.json").map(r -> r.path("skipped")).orElse(RunData.JSON.createArrayNode())) {
        String cell = s.path("cell").asText();
        if (cell.contains("variant=" + variant + " ") && cell.contains("server=" + server + " ")) {
          return "not run: " + s.path("reason").asText();
        }
      }
      return "not run";
    }
  }

  /** Ops/s per cell with 95% whiskers, one chart per server. */
  static final class Throughput implements ReportSection {
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
        sb.append(Svg.chart("Redis " + server + Verdicts.versionOf(ctx, server) + ": throughput", "ops/s", rows, Svg.Scale.LINEAR, null));
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

  /** TTL-less keys per million with Wilson 95% intervals. */
  static final class TtlLess implements ReportSection {
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
          rows.add(Svg.Row.heading("Redis " + r.cell().server() + Verdicts.versionOf(ctx, r.cell().server())));
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

  /** Each variant's throughput relative to multi in the same cell shape. */
  static final class CostOfSafety implements ReportSection {
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

  /** p50, p99, p99.9 from the sample-time cells. */
  static final class Latency implements ReportSection {
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

  /** lua single-thread ops/s / redis-benchmark -c 1 EVALSHA. */
  static final class Overhead implements ReportSection {
    public String id() { return "overhead"; }
    public String title() { return "Harness overhead"; }
    public int order() { return 800; }

    record Ratio(double ratio, double luaOps, double toolOps, String server, String detail) {}

    static Optional<Ratio> ratio(RunData run) {
      JsonNode o = run.file("overhead.json").orElse(null);
      if (o == null || !o.path("measured").asBoolean(false)) {
        return Optional.empty();
      }
      String server = o.path("server").asText();
      double tool = 0;
      int n = 0;
      for (JsonNode v : o.path("requestsPerSecond")) {
        tool += v.asDouble();
        n++;
      }
      double toolOps = n == 0 ? Double.NaN : tool / n;
      return run.throughput().stream()
          .filter(r -> r.cell().variant().equals("lua") && r.cell().client().equals("jedis") && r.cell().threads() == 1
              && r.cell().keys() == 1 && r.cell().server().equals(server))
          .findFirst()
          .map(r -> new Ratio(r.score() / toolOps, r.score(), toolOps, server,
              o.path("tool").asText() + ": " + o.path("command").asText() + " against Redis " + o.path("serverVersion").asText()));
    }

    static String sentence(RunData run) {
      Optional<Ratio> r = ratio(run);
      if (r.isPresent()) {
        return String.format(Locale.ROOT, "Harness overhead ratio %.2f: JMH lua, jedis, 1 thread = %s ops/s; redis-benchmark -c 1 EVALSHA = %s "
            + "requests/s (Redis %s). Target: at least 0.9.", r.get().ratio(), num(r.get().luaOps()), num(r.get().toolOps()), r.get().server());
      }
      String reason = run.file("overhead.json").map(o -> o.path("reason").asText(""))
          .filter(s -> !s.isBlank()).orElse("This run has no overhead.json (it was not produced by BenchRunner).");
      if (run.file("overhead.json").map(o -> o.path("measured").asBoolean(false)).orElse(false)) {
        reason = "redis-benchmark ran, but the run has no single-thread jedis lua throughput cell on the same server.";
      }
      return "Harness overhead: not measured. " + reason;
    }

    public Optional<String> html(ReportContext ctx) {
      StringBuilder sb = new StringBuilder("<p>How much of the measured time is the harness (JMH, Jedis, the JVM) rather than Redis? "
          + "The single-thread <code>lua</code> throughput on one connection divided by <code>redis-benchmark -c 1</code> sending "
          + "<code>EVALSHA</code> of the same script with the same key and TTL to a server of the same version, in the same run. "
          + "1.0 = as fast as Redis's own C client.</p>");
      Optional<Ratio> r = ratio(ctx.run());
      sb.append("<p class=\"").append(r.map(x -> x.ratio() >= 0.9 ? "pass" : "warn").orElse("warn")).append("\">")
          .append(esc(sentence(ctx.run()))).append("</p>");
      r.ifPresent(x -> {
        List<Svg.Row> rows = List.of(
            new Svg.Row("redis-benchmark -c 1 EVALSHA", x.toolOps(), Double.NaN, Double.NaN, GREY, Svg.Mark.BAR, num(x.toolOps()) + " req/s"),
            new Svg.Row("JMH lua · jedis · 1 thread", x.luaOps(), Double.NaN, Double.NaN, color("lua"), Svg.Mark.BAR, num(x.luaOps()) + " ops/s"));
        sb.append(Svg.chart("Harness overhead", "operations per second", rows, Svg.Scale.LINEAR, null));
        sb.append("<p><small>").append(esc(x.detail())).append("</small></p>");
      });
      return Optional.of(sb.toString());
    }

    public Optional<String> markdown(ReportContext ctx) {
      return Optional.of(sentence(ctx.run()) + "\n");
    }
  }

  /** The PING cells. */
  static final class Calibration implements ReportSection {
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

  /** Cells that did not run, failures, and benchmarks the report does not chart. */
  static final class Skipped implements ReportSection {
    public String id() { return "skipped"; }
    public String title() { return "Not run"; }
    public int order() { return 1000; }

    public Optional<String> html(ReportContext ctx) {
      StringBuilder sb = new StringBuilder();
      JsonNode info = ctx.run().file("run.json").orElse(null);
      if (info != null) {
        for (JsonNode s : info.path("skipped")) {
          sb.append("<li>").append(esc(s.path("cell").asText())).append(": ").append(esc(s.path("reason").asText())).append("</li>");
        }
        for (JsonNode f : info.path("failures")) {
          sb.append("<li class=\"bad\">FAILED: ").append(esc(f.asText())).append("</li>");
        }
      }
      for (JmhResult r : ctx.run().others()) {
        sb.append("<li>").append(esc(r.benchmark())).append(" (").append(esc(r.mode())).append("): ").append(num(r.score())).append(' ')
            .append(esc(r.unit())).append(" — not charted</li>");
      }
      return sb.length() == 0 ? Optional.empty() : Optional.of("<ul>" + sb + "</ul>");
    }
  }
}
