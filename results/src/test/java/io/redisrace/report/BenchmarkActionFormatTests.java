package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmark-action.json} as github-action-benchmark's parser reads it. */
class BenchmarkActionFormatTests {
  @TempDir Path tmp;

  /**
   * The rules of github-action-benchmark's {@code customBiggerIsBetter} / {@code
   * customSmallerIsBetter} tools (src/extract.ts, extractCustomBenchmarkResult and its
   * BenchmarkResult type): the file is JSON.parse'd and mapped as an array, so it must be an array,
   * non-empty ("No benchmark result was found"), of objects with {@code name} (string), {@code unit}
   * (string), {@code value} (number), optional {@code range} and {@code extra} (strings). The action
   * matches entries with the previous run's by name, so names must be unique; a value that is not
   * a finite number breaks its chart and its alert ratio.
   */
  static List<String> violations(JsonNode doc) {
    List<String> bad = new ArrayList<>();
    if (!doc.isArray() || doc.isEmpty()) {
      return List.of("must be a non-empty JSON array");
    }
    Set<String> names = new HashSet<>();
    for (JsonNode e : doc) {
      if (!e.isObject()) {
        bad.add("an entry is not an object: " + e);
        continue;
      }
      String name = e.path("name").asText("");
      if (!e.path("name").isTextual() || name.isBlank()) {
        bad.add("name must be a non-empty string: " + e);
      } else if (!names.add(name)) {
        bad.add("name repeated: " + name);
      }
      if (!e.path("unit").isTextual() || e.path("unit").asText().isBlank()) {
        bad.add(name + ": unit must be a string");
      }
      if (!(e.path("value").isNumber() && Double.isFinite(e.path("value").asDouble()))) {
        bad.add(name + ": value must be a finite number, not " + e.path("value"));
      }
      for (String optional : List.of("range", "extra")) {
        if (e.has(optional) && !e.get(optional).isTextual()) {
          bad.add(name + ": " + optional + " must be a string");
        }
      }
      e.fieldNames().forEachRemaining(f -> {
        if (!List.of("name", "unit", "value", "range", "extra").contains(f)) {
          bad.add(name + ": unknown field " + f + " (the action drops it)");
        }
      });
    }
    return bad;
  }

  @Test
  void theReportsFileFollowsTheCustomToolFormat() throws Exception {
    RunData run = SyntheticRun.create().ping("2.8", 1, 30000, 31000).ping("2.8", 4, 70000, 72000)
        .counter("multi", "2.8", 1, 1, 4, 30000, 5, 20000, 21000, 19000)
        .counter("multi", "2.8", 20, 1, 1, 30000, 0, 15000, 15100)
        .counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000)
        .load(tmp, "run");
    Report.write(ReportContext.of(run), tmp.resolve("report"));
    JsonNode doc = RunData.JSON.readTree(Files.readString(tmp.resolve("report/benchmark-action.json")));
    assertThat(violations(doc)).isEmpty();
    assertThat(doc.size()).isEqualTo(run.throughput().size() + run.pings().size());
  }

  @Test
  void theCommittedBaselineARealJmhRunConvertsCleanly() {
    RunData baseline = RunData.load(Path.of("baseline"));
    assertThat(violations(Report.actionBenchmark(baseline))).isEmpty();
  }

  @Test
  void theCheckerRejectsWhatTheActionRejects() throws Exception {
    assertThat(violations(RunData.JSON.readTree("{\"name\": \"a\", \"unit\": \"ops/s\", \"value\": 1}"))).isNotEmpty();
    assertThat(violations(RunData.JSON.readTree("[]"))).isNotEmpty();
    assertThat(violations(RunData.JSON.readTree("[{\"name\": \"a\", \"unit\": \"ops/s\", \"value\": \"NaN\"}]"))).isNotEmpty();
    assertThat(violations(RunData.JSON.readTree(
        "[{\"name\": \"a\", \"unit\": \"ops/s\", \"value\": 1}, {\"name\": \"a\", \"unit\": \"ops/s\", \"value\": 2}]"))).isNotEmpty();
    assertThat(violations(RunData.JSON.readTree("[{\"name\": \"a\", \"unit\": \"ops/s\", \"value\": 1, \"range\": \"± 2\"}]"))).isEmpty();
  }
}
