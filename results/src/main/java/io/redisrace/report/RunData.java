package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.process.RunDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One benchmark run as the report and the gate see it. Loads any of:
 * <ul>
 *   <li>a run directory ({@code results/runs/<ts>}, {@code results/latest}): {@code jmh.json}, and
 *       when present {@code run.json}, {@code overhead.json} and any other {@code *.json} (for
 *       example the chaos harness's {@code chaos.json}); or a directory with only {@code atlas.json}
 *       ({@code redis-race atlas}: no benchmark cells);</li>
 *   <li>a baseline: {@code results/baseline} or its {@code baseline.json}, one file that bundles
 *       all of the above, so that promoting a baseline is one atomic rename;</li>
 *   <li>a bare JMH JSON file (any JMH run).</li>
 * </ul>
 */
public final class RunData {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  public static final String BASELINE_FILE = "baseline.json";
  public static final String JMH_FILE = RunDir.JMH;

  private final String name;
  private final Path source;
  private final List<JmhResult> results;
  private final Map<String, JsonNode> files; // run.json, overhead.json, chaos.json, ... (jmh.json excluded)

  public RunData(String name, Path source, List<JmhResult> results, Map<String, JsonNode> files) {
    this.name = name;
    this.source = source;
    this.results = List.copyOf(results);
    this.files = new LinkedHashMap<>(files);
  }

  public static RunData load(Path path) {
    try {
      Path p = path.toAbsolutePath().normalize();
      if (Files.isDirectory(p)) {
        if (Files.isRegularFile(p.resolve(BASELINE_FILE))) {
          return fromJson(p.resolve(BASELINE_FILE), JSON.readTree(p.resolve(BASELINE_FILE).toFile()));
        }
        if (Files.isRegularFile(p.resolve(JMH_FILE)) || Files.isRegularFile(p.resolve(RunDir.ATLAS))
            || Files.isRegularFile(p.resolve(RunDir.COUNTER_FAILOVER))) {
          return fromRunDir(p);
        }
      } else if (Files.isRegularFile(p)) {
        return fromJson(p, JSON.readTree(p.toFile()));
      }
      throw new HarnessException(path + " is neither a run (a directory with jmh.json) nor a baseline (baseline.json); "
          + "pass results/latest, results/runs/<timestamp> or results/baseline.");
    } catch (IOException e) {
      throw new HarnessException("Cannot read " + path + " as JMH JSON (" + e.getMessage().lines().findFirst().orElse("") + ").");
    }
  }

  private static RunData fromRunDir(Path dir) throws IOException {
    // An atlas run (redis-race atlas) has atlas.json and no benchmark cells; a hunt under failover counter-failover.json.
    List<JmhResult> results = Files.isRegularFile(dir.resolve(JMH_FILE))
        ? parseJmh(JSON.readTree(dir.resolve(JMH_FILE).toFile()), dir.resolve(JMH_FILE)) : List.of();
    Map<String, JsonNode> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList()) {
        String n = f.getFileName().toString();
        if (!n.equals(JMH_FILE) && !n.startsWith(".")) {
          files.put(n, JSON.readTree(f.toFile()));
        }
      }
    }
    return new RunData(runName(dir), dir, results, files);
  }

  private static String runName(Path dir) {
    try {
      return dir.toRealPath().getFileName().toString();
    } catch (IOException e) {
      return dir.getFileName().toString();
    }
  }

  private static RunData fromJson(Path file, JsonNode node) {
    if (node.isArray()) {
      return new RunData(file.getFileName().toString(), file, parseJmh(node, file), Map.of());
    }
    if (node.isObject() && node.has("jmh")) {
      Map<String, JsonNode> files = new LinkedHashMap<>();
      node.path("files").fields().forEachRemaining(f -> files.put(f.getKey(), f.getValue()));
      String name = "baseline " + node.path("source").asText("?");
      return new RunData(name, file, parseJmh(node.get("jmh"), file), files);
    }
    throw new HarnessException(file + " is not JMH JSON (an array) nor a baseline bundle (an object with \"jmh\").");
  }

  private static List<JmhResult> parseJmh(JsonNode array, Path where) {
    if (!array.isArray()) {
      throw new HarnessException(where + " is not JMH JSON: expected an array of results.");
    }
    List<JmhResult> list = new ArrayList<>();
    array.forEach(e -> list.add(JmhResult.parse(e)));
    return list;
  }

  /** The run as one baseline bundle (see {@link Baseline}). */
  public ObjectNode bundle(String promoted) {
    ObjectNode b = JSON.createObjectNode();
    b.put("format", "redis-race-baseline/1");
    b.put("promoted", promoted);
    b.put("source", name);
    b.set("environment", file(RunDir.RUN).map(r -> r.path("environment")).orElse(JSON.createObjectNode()));
    ObjectNode f = b.putObject("files");
    files.forEach(f::set);
    b.set("jmh", rawJmh());
    return b;
  }

  private JsonNode rawJmh() {
    try {
      if (source != null && Files.isDirectory(source)) {
        return Files.isRegularFile(source.resolve(JMH_FILE)) ? JSON.readTree(source.resolve(JMH_FILE).toFile()) : JSON.createArrayNode();
      }
      JsonNode n = JSON.readTree(source.toFile());
      return n.isArray() ? n : n.get("jmh");
    } catch (IOException e) {
      throw new HarnessException("Cannot re-read " + source + " (" + e.getMessage() + ").");
    }
  }

  /** This run with {@code fileName} added (the gate's separate atlas run directory); a file of that name the run has wins. */
  public RunData withFile(String fileName, JsonNode content) {
    Map<String, JsonNode> more = new LinkedHashMap<>(files);
    more.putIfAbsent(fileName, content);
    return new RunData(name, source, results, more);
  }

  public String name() {
    return name;
  }

  public Path source() {
    return source;
  }

  public List<JmhResult> results() {
    return results;
  }

  /** Any JSON file of the run other than jmh.json, by file name ({@link RunDir#RUN}, {@link RunDir#CHAOS}). */
  public Optional<JsonNode> file(String fileName) {
    return Optional.ofNullable(files.get(fileName));
  }

  public List<JmhResult> counters(String kind) {
    return results.stream().filter(r -> r.cell().kind().equals(kind)).sorted(Comparator.comparing(JmhResult::cell, CellKey.ORDER)).toList();
  }

  public List<JmhResult> throughput() {
    return counters("thrpt");
  }

  public List<JmhResult> latency() {
    return counters("sample");
  }

  public List<JmhResult> pings() {
    return counters("ping");
  }

  /** Counter cells of both kinds (the ones with TTL-less counts). */
  public List<JmhResult> counterCells() {
    return results.stream().filter(JmhResult::isCounter).sorted(Comparator.comparing(JmhResult::cell, CellKey.ORDER)).toList();
  }

  public List<JmhResult> others() {
    return results.stream().filter(r -> r.cell().kind().startsWith("other:")).toList();
  }

  public Optional<JmhResult> find(CellKey key) {
    return results.stream().filter(r -> r.cell().equals(key)).findFirst();
  }

  /**
   * Score / PING score of the same run, client, server and threads (falling back to the 1-thread
   * PING), with the error of the ratio from both relative errors; empty without calibration.
   */
  public Optional<Normalised> normalised(JmhResult r) {
    Optional<JmhResult> ping = find(r.cell().calibration());
    if (ping.isEmpty()) {
      ping = find(new CellKey("ping", "ping", r.cell().client(), r.cell().server(), 0, 0, 1));
    }
    return ping.filter(p -> p.score() > 0).map(p -> {
      double value = r.score() / p.score();
      double rel = Math.hypot(r.error95() / r.score(), p.error95() / p.score());
      return new Normalised(value, value * rel, p);
    });
  }

  /** A normalised throughput: value = score / ping score, error = 95% half-width of the ratio. */
  public record Normalised(double value, double error, JmhResult ping) {}

  /** Environment (machine, JVM, server versions) recorded by BenchRunner, if any. */
  public JsonNode environment() {
    return file(RunDir.RUN).map(r -> r.path("environment")).orElse(JSON.createObjectNode());
  }
}
