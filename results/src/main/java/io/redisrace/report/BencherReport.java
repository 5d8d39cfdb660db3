package io.redisrace.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
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

  static final double Z95 = 1.959963984540054;
  static final double Z999 = 3.2905267314919255;
  /** Two-sided 95% Student-t quantiles, t(0.975, df) for df = 1..30. */
  private static final double[] T95 = {
      12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
      2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
      2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
      2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};

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
    double half = halfWidth95(r.iterations()) * perSecond;
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
    double half = r.scoreError() * Z95 / Z999 * toNanos;
    if (!Double.isFinite(half)) {
      return Optional.of(new Metric(r.cell().id(), "latency", value, null, null));
    }
    return Optional.of(new Metric(r.cell().id(), "latency", value, Math.max(0, value - half), value + half));
  }

  /** 95% Student-t half-width of the mean of {@code xs}; NaN for fewer than 2 values. */
  static double halfWidth95(List<Double> xs) {
    int n = xs.size();
    if (n < 2 || xs.stream().anyMatch(x -> !Double.isFinite(x))) {
      return Double.NaN;
    }
    double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = xs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
    return t95(n - 1) * Math.sqrt(var / n);
  }

  /** t(0.975, df): the table up to 30, then the Cornish-Fisher expansion (error below 1e-4). */
  static double t95(int df) {
    if (df < 1) {
      return Double.NaN;
    }
    if (df <= T95.length) {
      return T95[df - 1];
    }
    double z = Z95;
    return z + (z * z * z + z) / (4.0 * df) + (5 * Math.pow(z, 5) + 16 * Math.pow(z, 3) + 3 * z) / (96.0 * df * df);
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
