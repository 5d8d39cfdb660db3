package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.stats.Intervals;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of JMH's JSON output, with what the harness reads from it: the cell, the primary
 * score and its iterations, latency percentiles (sample mode) and the aux counters.
 */
public record JmhResult(String benchmark, String mode, CellKey cell, double score, double scoreError, String unit,
                        List<Double> iterations, Map<String, Double> percentiles, Map<String, Double> secondary) {

  public static JmhResult parse(JsonNode e) {
    String benchmark = e.path("benchmark").asText();
    JsonNode params = e.path("params");
    int threads = e.path("threads").asInt(1);
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String kind;
    if (benchmark.endsWith("PingBenchmark.ping")) {
      kind = "ping";
    } else if (benchmark.endsWith("CounterBenchmark.throughput")) {
      kind = "thrpt";
    } else if (benchmark.endsWith("CounterBenchmark.latency")) {
      kind = "sample";
    } else {
      kind = "other:" + method;
    }
    CellKey cell = new CellKey(kind, kind.equals("ping") ? "ping" : params.path("variant").asText(benchmark),
        params.path("client").asText("jedis"), params.path("server").asText("?"), params.path("ttlMs").asLong(0),
        params.path("keys").asInt(0), threads);
    JsonNode primary = e.path("primaryMetric");
    List<Double> iterations = new ArrayList<>();
    primary.path("rawData").forEach(fork -> fork.forEach(v -> iterations.add(v.asDouble())));
    Map<String, Double> percentiles = new LinkedHashMap<>();
    primary.path("scorePercentiles").fields().forEachRemaining(f -> percentiles.put(f.getKey(), f.getValue().asDouble()));
    Map<String, Double> secondary = new LinkedHashMap<>();
    e.path("secondaryMetrics").fields().forEachRemaining(f -> secondary.put(f.getKey(), f.getValue().path("score").asDouble()));
    return new JmhResult(benchmark, e.path("mode").asText(), cell, primary.path("score").asDouble(),
        primary.path("scoreError").asDouble(Double.NaN), primary.path("scoreUnit").asText(), List.copyOf(iterations),
        percentiles, secondary);
  }

  public boolean isCounter() {
    return cell.kind().equals("thrpt") || cell.kind().equals("sample");
  }

  /**
   * Half-width of a 95% interval of the mean score from the iterations (normal approximation):
   * JMH's own ± is a 99.9% Student-t interval which, with the 2-3 iterations of a quick run, is
   * wider than the score itself and would let any regression pass as noise.
   */
  public double error95() {
    if (iterations.size() < 2) {
      return Double.isNaN(scoreError) ? 0 : scoreError;
    }
    return Intervals.normalHalfWidth95(iterations);
  }

  /** Aux counter by name, 0 when absent. */
  public long count(String name) {
    return Math.round(secondary.getOrDefault(name, 0.0));
  }

  /** Counter operations run (aux counter "ops"). */
  public long ops() {
    return count("ops");
  }

  /** TTL-less keys: seen in-band by the operation's own PTTL plus found by the keyspace audit. */
  public long ttlLess() {
    return count("ttlLess") + count("auditTtlLess");
  }

  /** TTL-less keys per million operations with a 95% Wilson interval. */
  public RateEstimate ttlLessRate() {
    return RateEstimate.of(ttlLess(), ops());
  }

  public boolean hasAuxCounters() {
    return secondary.containsKey("ops") && secondary.containsKey("ttlLess");
  }

  public Optional<Double> percentile(String p) {
    return Optional.ofNullable(percentiles.get(p));
  }
}
