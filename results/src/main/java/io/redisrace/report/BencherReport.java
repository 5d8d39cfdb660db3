package io.redisrace.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import io.redisrace.stats.Intervals;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code bencher.json}: the run in Bencher Metric Format (BMF), for {@code bencher run --adapter json
 * --file results/report/bencher.json}:
 *
 * <pre>
 * { "&lt;cell id&gt;": { "throughput" | "latency": { "value": n, "lower_value": n, "upper_value": n } } }
 * </pre>
 *
 * <ul>
 *   <li>Names are {@link CellKey#id()}: kind, variant, client, server, TTL, keys and threads, so every
 *       cell has its own name (Bencher's {@code java_jmh} adapter keys by benchmark method and would
 *       fold 37 cells into 3).</li>
 *   <li>{@code throughput} (Bencher's built-in measure, operations / second) for CounterBenchmark
 *       throughput and PING cells; {@code latency} (built-in, nanoseconds) for the mean of the
 *       CounterBenchmark sample-time cells.</li>
 *   <li>Bounds: throughput cells carry score ∓ the 95% Student-t half-width of the mean of their
 *       measured iterations (n - 1 degrees of freedom; with 2 iterations t = 12.7, an honest, wide
 *       interval), clamped at 0. Latency cells carry JMH's interval of the mean over all samples
 *       rescaled from 99.9% to 95% (JMH's sample counts are in the thousands: t = z). Where no
 *       interval can be computed (one iteration; JMH wrote "NaN") the bounds are left out.</li>
 *   <li>No NaN or Infinity anywhere: a cell whose score is not a finite number is left out.</li>
 * </ul>
 */
public final class BencherReport {
  public static final String FILE = RunDir.BENCHER;
  /** Bencher's limit on a benchmark name. */
  static final int MAX_NAME = 1024;

  private BencherReport() {}

  /** One BMF metric. {@code lower}/{@code upper} are null when no honest interval exists. */
  record Metric(String name, String measure, double value, Double lower, Double upper) {}

  /** The metrics of a run, in report order. */
  static List<Metric> metrics(RunData run) {
    List<Metric> out = new ArrayList<>();
    List<JmhResult> cells = new ArrayList<>(run.throughput());
    cells.addAll(run.pings());
    for (JmhResult r : cells) {
      throughput(r).ifPresent(out::add);
    }
    for (JmhResult r : run.latency()) {
      latency(r).ifPresent(out::add);
    }
    return out;
  }

  static Optional<Metric> throughput(JmhResult r) {
    double perSecond = switch (r.unit()) {
      case "ops/s" -> 1;
      case "ops/ms" -> 1e3;
      case "ops/us" -> 1e6;
      case "ops/min" -> 1 / 60.0;
      default -> Double.NaN;
    };
    double value = r.score() * perSecond;
    if (!Double.isFinite(value)) {
      return Optional.empty();
    }
    double half = Intervals.studentHalfWidth95(r.iterations()) * perSecond;
    if (!Double.isFinite(half)) {
      return Optional.of(new Metric(r.cell().id(), "throughput", value, null, null));
    }
    return Optional.of(new Metric(r.cell().id(), "throughput", value, Math.max(0, value - half), value + half));
  }

  static Optional<Metric> latency(JmhResult r) {
    double toNanos = switch (r.unit()) {
      case "ns/op" -> 1;
      case "us/op" -> 1e3;
      case "ms/op" -> 1e6;
      case "s/op" -> 1e9;
      default -> Double.NaN;
    };
    double value = r.score() * toNanos;
    if (!Double.isFinite(value)) {
      return Optional.empty();
    }
    // JMH's scoreError is a 99.9% Student-t half-width; over thousands of samples t is z.
    double half = r.scoreError() * Intervals.Z95 / Intervals.Z999 * toNanos;
    if (!Double.isFinite(half)) {
      return Optional.of(new Metric(r.cell().id(), "latency", value, null, null));
    }
    return Optional.of(new Metric(r.cell().id(), "latency", value, Math.max(0, value - half), value + half));
  }

  /** The BMF document. Names are unique: a repeated cell (none is expected) gets " (2)", " (3)"... */
  public static ObjectNode bmf(RunData run) {
    ObjectNode doc = RunData.JSON.createObjectNode();
    for (Metric m : metrics(run)) {
      String name = m.name();
      for (int k = 2; doc.has(name) && doc.get(name).has(m.measure()); k++) {
        name = m.name() + " (" + k + ")";
      }
      ObjectNode bench = doc.has(name) ? (ObjectNode) doc.get(name) : doc.putObject(name);
      ObjectNode metric = bench.putObject(m.measure());
      metric.put("value", round(m.value()));
      if (m.lower() != null && m.upper() != null) {
        metric.put("lower_value", round(m.lower()));
        metric.put("upper_value", round(m.upper()));
      }
    }
    return doc;
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", v));
  }

  /** Writes {@code bencher.json} into {@code outDir}, atomically. */
  public static void write(RunData run, Path outDir) throws IOException {
    Report.writeAtomically(outDir.resolve(FILE), RunData.JSON.writeValueAsString(bmf(run)) + "\n");
  }
}
