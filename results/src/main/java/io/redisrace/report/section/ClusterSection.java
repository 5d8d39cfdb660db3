package io.redisrace.report.section;

import static io.redisrace.report.Format.num;
import static io.redisrace.report.Format.rate;
import static io.redisrace.report.Svg.esc;
import static io.redisrace.report.section.Palette.GREEN;
import static io.redisrace.report.section.Palette.RED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.redisrace.process.RunDir;
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
 * The cost of the cluster hop: every counter cell on a cluster ({@code cluster:<id>}, or a user's
 * {@code redis-cluster://...}) divided by the same cell (variant, client, TTL, keys, threads) on a
 * single node of the same version in the same run, with both cells' TTL-less counts, and the PING
 * calibrations likewise. A single node twins {@code cluster:<id>} when its id is {@code <id>}, and
 * a user's cluster when run.json gives it the same Redis version. Cells the run did not run on a
 * cluster (a variant whose operation touches keys of two slots: CROSSSLOT) are listed as not run
 * with their reason, never as failures. Shown only when the run has cluster cells.
 */
public final class ClusterSection implements ReportSection {
  public String id() { return "cluster"; }

  public String title() { return "Cluster: throughput on a cluster / on a single node"; }

  public int order() { return 660; }

  /** True for a server id that names a cluster. */
  static boolean isCluster(String server) {
    return server.startsWith("cluster:") || server.startsWith("redis-cluster://");
  }

  /** One cluster cell, and its single-node twin when the run has one. */
  record Row(JmhResult cluster, Optional<JmhResult> single) {
    Optional<Double> ratio() {
      return single.filter(s -> s.score() > 0).map(s -> cluster.score() / s.score());
    }

    double error() {
      return single.map(s -> ratio().orElse(0.0) * Math.hypot(cluster.error95() / cluster.score(), s.error95() / s.score())).orElse(0.0);
    }

    String server() {
      return cluster.cell().server();
    }

    String label() {
      return cluster.cell().label();
    }
  }

  /** The single-node server that twins {@code cluster} in this run, if any. */
  static Optional<String> twin(RunData run, String cluster) {
    if (cluster.startsWith("cluster:")) {
      return Optional.of(cluster.substring("cluster:".length()));
    }
    String version = run.environment().path("servers").path(cluster).asText("");
    List<String> same = new ArrayList<>();
    run.environment().path("servers").fields().forEachRemaining(f -> {
      if (!version.isEmpty() && !isCluster(f.getKey()) && f.getValue().asText().equals(version)) {
        same.add(f.getKey());
      }
    });
    return same.stream().sorted().findFirst();
  }

  static List<Row> rows(RunData run) {
    List<Row> out = new ArrayList<>();
    List<JmhResult> candidates = new ArrayList<>(run.pings());
    candidates.addAll(run.throughput());
    for (JmhResult r : candidates) {
      CellKey c = r.cell();
      if (!isCluster(c.server()) || r.score() <= 0) {
        continue;
      }
      Optional<JmhResult> single = twin(run, c.server())
          .flatMap(s -> run.find(new CellKey(c.kind(), c.variant(), c.client(), s, c.ttlMs(), c.keys(), c.threads())));
      out.add(new Row(r, single));
    }
    return out;
  }

  /** The run's cells on a cluster that did not run, with their reason (run.json's skipped). */
  static List<String[]> notRun(RunData run) {
    List<String[]> out = new ArrayList<>();
    for (JsonNode s : run.file(RunDir.RUN).map(f -> f.path("skipped")).orElse(MissingNode.getInstance())) {
      String cell = s.path("cell").asText();
      if (cell.contains(" server=cluster:") || cell.contains(" server=redis-cluster://")) {
        out.add(new String[] {cell, s.path("reason").asText()});
      }
    }
    return out;
  }

  private static String ratioText(Row r) {
    return r.ratio().map(x -> String.format(Locale.ROOT, "%.2f ± %.2f", x, r.error())).orElse("no single-node twin");
  }

  private static String ttlLess(Optional<JmhResult> r) {
    return r.filter(JmhResult::isCounter).map(x -> rate(x.ttlLessRate())).orElse("-");
  }

  private static final String LEAD = "Each cell's ops/s on a Redis Cluster divided by the same cell on a single node of the same version, "
      + "in the same run. The cluster's keys carry no hash tag, so they spread over slots and primaries, and every operation runs on the "
      + "connection of its key's slot (ClusterCounters); the clients dial each node's own port, no proxy between. Below 1.0: what the "
      + "cluster costs (cluster mode on the server, slot routing in the client). PING rows are one bare round trip to one primary. "
      + "Correctness is the same question as on one node: the TTL-less columns count keys left without a TTL.";

  public Optional<String> html(ReportContext ctx) {
    List<Row> rows = rows(ctx.run());
    List<String[]> notRun = notRun(ctx.run());
    if (rows.isEmpty() && notRun.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("<p>").append(esc(LEAD)).append("</p>");
    List<Svg.Row> bars = new ArrayList<>();
    String group = null;
    for (Row r : rows) {
      if (r.ratio().isEmpty()) {
        continue;
      }
      if (!r.server().equals(group)) {
        group = r.server();
        bars.add(Svg.Row.heading(group));
      }
      double x = r.ratio().get();
      bars.add(new Svg.Row(r.label(), x, x - r.error(), x + r.error(), r.cluster().ttlLess() > 0 ? RED : GREEN, Svg.Mark.BAR,
          String.format(Locale.ROOT, "%.2f×", x)));
    }
    if (!bars.isEmpty()) {
      sb.append(Svg.chart("Throughput, cluster / single node", "× single node", bars, Svg.Scale.LINEAR, 1.0));
    }
    sb.append("<table><tr><th>cluster</th><th>cell</th><th>cluster ops/s</th><th>single-node ops/s</th><th>ratio</th>"
        + "<th>TTL-less on the cluster</th><th>TTL-less on the single node</th></tr>");
    for (Row r : rows) {
      sb.append("<tr><td>").append(esc(r.server())).append("</td><td>").append(esc(r.label())).append("</td><td class=\"n\">")
          .append(num(r.cluster().score())).append("</td><td class=\"n\">").append(r.single().map(s -> num(s.score())).orElse("-"))
          .append("</td><td class=\"n\">").append(esc(ratioText(r))).append("</td><td").append(r.cluster().ttlLess() > 0 ? " class=\"bad\"" : "")
          .append('>').append(esc(ttlLess(Optional.of(r.cluster())))).append("</td><td>").append(esc(ttlLess(r.single()))).append("</td></tr>");
    }
    for (String[] n : notRun) {
      sb.append("<tr><td colspan=\"2\">").append(esc(n[0])).append("</td><td colspan=\"5\">not run: ").append(esc(n[1])).append("</td></tr>");
    }
    return Optional.of(sb.append("</table>").toString());
  }

  public Optional<String> markdown(ReportContext ctx) {
    List<Row> rows = rows(ctx.run());
    List<String[]> notRun = notRun(ctx.run());
    if (rows.isEmpty() && notRun.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("Same cell, same Redis version, same run: on a cluster (keys over slots) / on a single node.\n\n"
        + "| cluster | cell | cluster ops/s | single-node ops/s | ratio | TTL-less on the cluster | TTL-less on the single node |\n"
        + "|---|---|---:|---:|---:|---|---|\n");
    rows.forEach(r -> sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", r.server(), r.label(),
        num(r.cluster().score()), r.single().map(s -> num(s.score())).orElse("-"), ratioText(r), ttlLess(Optional.of(r.cluster())),
        ttlLess(r.single()))));
    notRun.forEach(n -> sb.append("| ").append(n[0]).append(" | not run: ").append(n[1]).append(" | | | | | |\n"));
    return Optional.of(sb.toString());
  }
}
