package io.redisrace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import io.redisrace.server.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The run directory of a benchmark run, {@code results/runs/<yyyyMMdd'T'HHmmss'Z'>/}: its
 * {@link RunDir#JMH}, {@link RunDir#OVERHEAD} and {@link RunDir#RUN}, each written atomically, and
 * {@code results/latest} pointed at it.
 */
final class BenchRunWriter {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path results;
  private final Path runDir;

  /** The run directory of a run started at {@code started}, created. */
  BenchRunWriter(Path results, Instant started) throws IOException {
    this(results, started, "");
  }

  /** The same, its directory name ending in {@code suffix} (a shard's: {@code -shard-2-of-3}). */
  BenchRunWriter(Path results, Instant started, String suffix) throws IOException {
    this.results = results.toAbsolutePath().normalize(); // printed: no /x/jmh/../results
    this.runDir = Files.createDirectories(this.results.resolve("runs").resolve(STAMP.format(started) + suffix));
  }

  Path runDir() {
    return runDir;
  }

  Path jmhJson() {
    return runDir.resolve(RunDir.JMH);
  }

  /** Writes the run's files. */
  void write(ArrayNode merged, HarnessOverhead.Result overhead, ObjectNode runInfo) throws IOException {
    writeJson(jmhJson(), merged);
    writeJson(runDir.resolve(RunDir.OVERHEAD), JSON.valueToTree(overhead));
    writeJson(runDir.resolve(RunDir.RUN), runInfo);
  }

  /** Points {@code results/latest} at the run; returns that link. */
  Path pointLatest() throws IOException {
    return RunDir.pointLatest(results, runDir);
  }

  /** What {@code run.json} says: the mode and include, the times, the environment, the skipped cells and failures. */
  static ObjectNode runInfo(String mode, String include, BenchMatrix.Matrix matrix, Backend backend, Instant started, Instant finished,
      List<String> failures) {
    ObjectNode run = JSON.createObjectNode();
    run.put("mode", mode);
    run.put("include", include);
    run.put("started", started.toString());
    run.put("finished", finished.toString());
    run.put("wallSeconds", Duration.between(started, finished).toSeconds());
    ObjectNode env = BenchEnvironment.environment(matrix.versions());
    env.put("backend", backend.id());
    run.set("environment", env);
    ArrayNode skipped = run.putArray("skipped");
    matrix.skipped().forEach(s -> skipped.addObject().put("cell", s.cell()).put("reason", s.reason()));
    ArrayNode failed = run.putArray("failures");
    failures.forEach(failed::add);
    return run;
  }

  /** Pretty JSON, written atomically. */
  static void writeJson(Path target, JsonNode node) throws IOException {
    RunDir.writeJson(target, JSON, node);
  }
}
