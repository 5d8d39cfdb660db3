package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes hand-made JMH JSON (the shape JMH 1.37 writes) into a run directory, for unit tests. */
public final class SyntheticRun {
  private final ArrayNode jmh = RunData.JSON.createArrayNode();
  private ObjectNode overhead;
  private String backend;
  /** run.json's environment.fingerprint: the same test machine for every run unless told otherwise; null = none. */
  private String cpu = "Test CPU";
  private final Map<String, JsonNode> extra = new LinkedHashMap<>();

  public static SyntheticRun create() {
    return new SyntheticRun();
  }

  /** A CounterBenchmark.throughput cell with these iteration scores, ops and TTL-less counts. */
  public SyntheticRun counter(String variant, String server, long ttlMs, int keys, int threads, long ops, long ttlLess, double... iterations) {
    return entry("io.redisrace.bench.CounterBenchmark.throughput", "thrpt", variant, "jedis", server, ttlMs, keys, threads, ops, ttlLess, iterations);
  }

  public SyntheticRun ping(String server, int threads, double... iterations) {
    ObjectNode e = base("io.redisrace.bench.PingBenchmark.ping", "thrpt", threads, iterations);
    e.putObject("params").put("client", "jedis").put("server", server);
    e.putObject("secondaryMetrics");
    jmh.add(e);
    return this;
  }

  /** A CounterBenchmark.latency (sample-time) cell with these p50, p99 and p99.9, in µs. */
  public SyntheticRun latency(String variant, String server, double p50, double p99, double p999) {
    entry("io.redisrace.bench.CounterBenchmark.latency", "sample", variant, "jedis", server, 20, 1, 1, 5000, 0, p50);
    ((ObjectNode) jmh.get(jmh.size() - 1).get("primaryMetric")).putObject("scorePercentiles").put("50.0", p50).put("99.0", p99).put("99.9", p999);
    return this;
  }

  /** Records the run's backend in run.json, as BenchRunner does. */
  public SyntheticRun backend(String id) {
    backend = id;
    return this;
  }

  /** Records another CPU model in the fingerprint; null records no fingerprint at all (an old run). */
  public SyntheticRun cpu(String model) {
    cpu = model;
    return this;
  }

  /** Any other JSON file of the run directory (ab.json, ...). */
  public SyntheticRun file(String name, JsonNode node) {
    extra.put(name, node);
    return this;
  }

  public SyntheticRun overhead(String server, double rps) {
    overhead = RunData.JSON.createObjectNode();
    overhead.put("measured", true).put("server", server).put("serverVersion", "7.0.15").put("tool", "redis-benchmark 7.0.15")
        .put("command", "redis-benchmark -c 1 ...");
    overhead.putArray("requestsPerSecond").add(rps);
    return this;
  }

  public SyntheticRun entry(String benchmark, String mode, String variant, String client, String server, long ttlMs, int keys, int threads,
                     long ops, long ttlLess, double... iterations) {
    ObjectNode e = base(benchmark, mode, threads, iterations);
    e.putObject("params").put("variant", variant).put("client", client).put("server", server).put("ttlMs", Long.toString(ttlMs))
        .put("keys", Integer.toString(keys));
    ObjectNode sec = e.putObject("secondaryMetrics");
    aux(sec, "ops", ops);
    aux(sec, "ttlLess", ttlLess);
    aux(sec, "auditTtlLess", 0);
    aux(sec, "created", ops / 100);
    aux(sec, "expired", 0);
    aux(sec, "retries", 0);
    jmh.add(e);
    return this;
  }

  private static void aux(ObjectNode sec, String name, long value) {
    ObjectNode m = sec.putObject(name);
    m.put("score", (double) value).put("scoreError", Double.NaN).put("scoreUnit", "#");
  }

  private static ObjectNode base(String benchmark, String mode, int threads, double... iterations) {
    ObjectNode e = RunData.JSON.createObjectNode();
    e.put("jmhVersion", "1.37").put("benchmark", benchmark).put("mode", mode).put("threads", threads).put("forks", 1);
    ObjectNode p = e.putObject("primaryMetric");
    p.put("score", Arrays.stream(iterations).average().orElse(0)).put("scoreError", 1e9).put("scoreUnit", "ops/s");
    ArrayNode raw = p.putArray("rawData").addArray();
    Arrays.stream(iterations).forEach(raw::add);
    return e;
  }

  /** Writes jmh.json (and overhead.json) into a new directory under {@code parent}. */
  public Path write(Path parent, String name) {
    try {
      Path dir = Files.createDirectories(parent.resolve(name));
      Files.writeString(dir.resolve("jmh.json"), RunData.JSON.writeValueAsString(jmh));
      if (backend != null || cpu != null) {
        ObjectNode run = RunData.JSON.createObjectNode();
        ObjectNode env = run.putObject("environment");
        if (backend != null) {
          env.put("backend", backend);
        }
        if (cpu != null) {
          env.put("cpu", cpu);
          env.putObject("fingerprint").put("cpu", cpu).put("cores", 2).put("jvm", "Test 17.0.15").put("arch", "amd64");
        }
        Files.writeString(dir.resolve("run.json"), RunData.JSON.writeValueAsString(run));
      }
      for (var e : extra.entrySet()) {
        Files.writeString(dir.resolve(e.getKey()), RunData.JSON.writeValueAsString(e.getValue()));
      }
      if (overhead != null) {
        Files.writeString(dir.resolve("overhead.json"), RunData.JSON.writeValueAsString(overhead));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RunData load(Path parent, String name) {
    return RunData.load(write(parent, name));
  }
}
