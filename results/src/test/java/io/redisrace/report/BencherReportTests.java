package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BencherReportTests {
  @TempDir Path tmp;

  /**
   * The rules Bencher's {@code json} adapter applies to a BMF file (bencher.dev/docs/reference/
   * bencher-metric-format, schema https://bencher.dev/bmf.json; the adapter deserialises the text
   * into benchmark name -> measure -> {value, lower_value?, upper_value?}): a JSON object of
   * objects of objects; {@code value} a number, {@code lower_value} and {@code upper_value}
   * optional numbers; benchmark names at most 1024 characters, measure names at most 64. The
   * adapter reads the file into a map, so a repeated name would silently drop a result: names must
   * be unique (checked with Jackson's duplicate detection). JSON has no NaN or Infinity; Jackson
   * writes them as strings, which the adapter rejects. Bounds must surround the value.
   */
  static List<String> bmfViolations(String text) throws Exception {
    List<String> bad = new ArrayList<>();
    ObjectMapper strict = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    JsonNode root;
    try {
      root = strict.readTree(text);
    } catch (Exception e) {
      return List.of("not JSON with unique names: " + e.getMessage());
    }
    if (!root.isObject() || root.isEmpty()) {
      return List.of("the root must be a non-empty object");
    }
    for (Map.Entry<String, JsonNode> bench : iterable(root)) {
      String name = bench.getKey();
      if (name.isEmpty() || name.length() > 1024) {
        bad.add("benchmark name length " + name.length() + ": " + name);
      }
      if (!bench.getValue().isObject() || bench.getValue().isEmpty()) {
        bad.add(name + ": must be a non-empty object of measures");
        continue;
      }
      for (Map.Entry<String, JsonNode> measure : iterable(bench.getValue())) {
        String m = measure.getKey();
        JsonNode metric = measure.getValue();
        if (m.isEmpty() || m.length() > 64) {
          bad.add(name + ": measure name length " + m.length());
        }
        if (!metric.isObject() || !metric.has("value")) {
          bad.add(name + " / " + m + ": a metric is an object with a value");
          continue;
        }
        metric.fieldNames().forEachRemaining(f -> {
          if (!List.of("value", "lower_value", "upper_value").contains(f)) {
            bad.add(name + " / " + m + ": unknown field " + f);
          }
        });
        for (String f : List.of("value", "lower_value", "upper_value")) {
          JsonNode v = metric.get(f);
          if (v != null && !(v.isNumber() && Double.isFinite(v.asDouble()))) {
            bad.add(name + " / " + m + ": " + f + " is not a finite number: " + v);
          }
        }
        if (metric.has("lower_value") != metric.has("upper_value")) {
          bad.add(name + " / " + m + ": one bound without the other");
        }
        if (metric.has("lower_value") && metric.has("upper_value")
            && !(metric.get("lower_value").asDouble() <= metric.get("value").asDouble()
            && metric.get("value").asDouble() <= metric.get("upper_value").asDouble())) {
          bad.add(name + " / " + m + ": bounds do not surround the value");
        }
      }
    }
    if (text.contains("NaN") || text.contains("Infinity")) {
      bad.add("NaN or Infinity in the text");
    }
    return bad;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode n) {
    return n::fields;
  }

  /** A run with what JMH writes: 2-iteration cells ("NaN" errors), PING at 1 and 4 threads, a 1-iteration cell, latency. */
  RunData run() throws Exception {
    Path dir = SyntheticRun.create()
        .ping("2.8", 1, 30000, 31000).ping("2.8", 4, 70000, 72000)
        .counter("multi", "2.8", 1, 1, 4, 30000, 5, 20000, 21000, 19000)
        .counter("multi", "2.8", 20, 1, 1, 30000, 0, 15000, 15100)
        .counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000)
        .entry("io.redisrace.bench.CounterBenchmark.latency", "sample", "lua", "jedis", "7.0", 20, 1, 1, 5000, 0)
        .entry("io.redisrace.bench.CounterBenchmark.latency", "sample", "naive", "jedis", "7.0", 20, 1, 1, 5000, 0)
        .write(tmp, "run");
    ArrayNode jmh = (ArrayNode) RunData.JSON.readTree(dir.resolve("jmh.json").toFile());
    for (JsonNode e : jmh) {
      ObjectNode p = (ObjectNode) e.get("primaryMetric");
      if (e.path("mode").asText().equals("sample")) {
        p.put("scoreUnit", "us/op").put("score", 101.5);
        p.remove("rawData");
        if (e.path("params").path("variant").asText().equals("lua")) {
          p.put("scoreError", 9.2);
        } else {
          p.put("scoreError", "NaN");
        }
      } else {
        p.put("scoreError", "NaN"); // what JMH writes for 2 iterations
      }
    }
    Files.writeString(dir.resolve("jmh.json"), RunData.JSON.writeValueAsString(jmh));
    return RunData.load(dir);
  }

  @Test
  void everyCellHasItsOwnNameFiniteNumbersAndHonestBounds() throws Exception {
    RunData run = run();
    Report.write(ReportContext.of(run), tmp.resolve("report"));
    String text = Files.readString(tmp.resolve("report/bencher.json"));
    assertThat(bmfViolations(text)).isEmpty();
    JsonNode doc = RunData.JSON.readTree(text);
    assertThat(doc.size()).isEqualTo(run.throughput().size() + run.pings().size() + run.latency().size());
    assertThat(doc.has("ping client=jedis server=2.8 threads=1")).isTrue();
    assertThat(doc.has("ping client=jedis server=2.8 threads=4")).isTrue();

    // 2 iterations: mean 15050, sd 70.7, t(0.975, 1) = 12.706 -> ±635.3 (JMH itself wrote NaN).
    JsonNode two = doc.path("thrpt variant=multi client=jedis server=2.8 ttlMs=20 keys=1 threads=1").path("throughput");
    assertThat(two.path("value").asDouble()).isEqualTo(15050.0);
    assertThat(two.path("lower_value").asDouble()).isCloseTo(15050 - 635.31, Offset.offset(0.1));
    assertThat(two.path("upper_value").asDouble()).isCloseTo(15050 + 635.31, Offset.offset(0.1));
    // One iteration: no interval, so no bounds rather than a made-up one.
    JsonNode one = doc.path("thrpt variant=lua client=jedis server=2.8 ttlMs=20 keys=1 threads=1").path("throughput");
    assertThat(one.path("value").asDouble()).isEqualTo(22000.0);
    assertThat(one.has("lower_value") || one.has("upper_value")).isFalse();
    // Latency in nanoseconds (Bencher's built-in latency measure); JMH's 99.9% error rescaled to 95%.
    JsonNode lat = doc.path("sample variant=lua client=jedis server=7.0 ttlMs=20 keys=1 threads=1").path("latency");
    assertThat(lat.path("value").asDouble()).isEqualTo(101500.0);
    assertThat(lat.path("upper_value").asDouble() - 101500).isCloseTo(9200 * 1.959964 / 3.290527, Offset.offset(0.5));
    JsonNode latNan = doc.path("sample variant=naive client=jedis server=7.0 ttlMs=20 keys=1 threads=1").path("latency");
    assertThat(latNan.has("lower_value")).isFalse();
  }

  @Test
  void theCommittedBaselineARealJmhRunConvertsCleanly() throws Exception {
    RunData baseline = RunData.load(Path.of("baseline"));
    String text = RunData.JSON.writeValueAsString(BencherReport.bmf(baseline));
    assertThat(bmfViolations(text)).isEmpty();
    assertThat(RunData.JSON.readTree(text).size())
        .isEqualTo(baseline.throughput().size() + baseline.pings().size() + baseline.latency().size());
  }

  @Test
  void theCheckerRejectsWhatBencherRejects() throws Exception {
    assertThat(bmfViolations("{\"a\": {\"throughput\": {\"value\": \"NaN\"}}}")).isNotEmpty();
    assertThat(bmfViolations("{\"a\": {\"throughput\": {\"value\": 1}}, \"a\": {\"latency\": {\"value\": 2}}}")).isNotEmpty();
    assertThat(bmfViolations("[{\"name\": \"a\", \"value\": 1}]")).isNotEmpty();
    assertThat(bmfViolations("{\"a\": {\"throughput\": {\"lower_value\": 1}}}")).isNotEmpty();
    assertThat(bmfViolations("{\"a\": {\"throughput\": {\"value\": 1, \"lower_value\": 2, \"upper_value\": 3}}}")).isNotEmpty();
    assertThat(bmfViolations("{\"a\": {\"throughput\": {\"value\": 2, \"lower_value\": 1, \"upper_value\": 3}}}")).isEmpty();
  }
}
