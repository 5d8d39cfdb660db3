package io.redisrace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.server.Backend;
import io.redisrace.stats.AbVerdict;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs reference (A) and candidate (B) forks of each cell interleaved on this machine, one JMH
 * fork per process ({@code java -jar <side's benchmarks.jar> ... -f 1}), and collects one score per
 * fork. Round r runs every cell once per side; the side that goes first alternates from round to
 * round (A B, then B A, ...), so that neither side always has the warmer page cache or the quieter
 * neighbour. JMH's command line is the interface, so the reference can be any revision whose
 * CounterBenchmark takes these params.
 */
final class AbEngine {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One side: its name ("A" or "B"), its benchmarks jar, extra JVM flags of its forks. */
  record Side(String name, Path jar, List<String> jvmFlags) {}

  /** Per-fork scores of one cell. */
  record CellScores(BenchPlan.Cell cell, List<Double> a, List<Double> b, String unit, List<String> failures) {
    boolean higherIsBetter() {
      return cell.kind() == BenchPlan.Kind.THRPT;
    }

  }

  /** The verdict of every cell of one run, Holm-corrected across its cells ({@link AbVerdict#judgeAll}). */
  static List<AbVerdict> verdicts(List<CellScores> scores, double alpha, double minEffect) {
    return AbVerdict.judgeAll(scores.stream().map(s -> s.a().stream().mapToDouble(Double::doubleValue).toArray()).toList(),
        scores.stream().map(s -> s.b().stream().mapToDouble(Double::doubleValue).toArray()).toList(),
        scores.stream().map(CellScores::higherIsBetter).toList(), alpha, minEffect);
  }

  private final Side a;
  private final Side b;
  private final int forks;
  private final Backend backend;
  private final Path work;
  private final PrintStream log;
  private boolean ignoreJmhLock;

  AbEngine(Side a, Side b, int forks, Backend backend, Path work, PrintStream log) {
    this.a = a;
    this.b = b;
    this.forks = forks;
    this.backend = backend;
    this.work = work;
    this.log = log;
  }

  /**
   * JMH runs one benchmark at a time per machine ({@code /tmp/jmh.lock}); a fork that finds another
   * JMH run going waits for it (up to {@value #LOCK_WAIT_S} s) rather than measure beside it.
   * {@code true} runs anyway: for tests, which assert no timing.
   */
  AbEngine ignoreJmhLock(boolean ignore) {
    this.ignoreJmhLock = ignore;
    return this;
  }

  static final int LOCK_WAIT_S = 900;

  /** Seconds the run will take, about: forks x 2 sides x (iterations + JVM and server start). */
  static int estimateSeconds(List<BenchPlan.Cell> cells, int forks) {
    return cells.stream().mapToInt(c -> 2 * forks * (c.iterations().seconds() + 3)).sum();
  }

  List<CellScores> run(List<BenchPlan.Cell> cells) throws IOException {
    Files.createDirectories(work);
    Map<BenchPlan.Cell, CellScores> scores = new LinkedHashMap<>();
    cells.forEach(c -> scores.put(c, new CellScores(c, new ArrayList<>(), new ArrayList<>(), "", new ArrayList<>())));
    int total = cells.size() * forks * 2;
    int n = 0;
    for (int round = 0; round < forks; round++) {
      for (BenchPlan.Cell c : cells) {
        CellScores s = scores.get(c);
        for (Side side : round % 2 == 0 ? List.of(a, b) : List.of(b, a)) {
          n++;
          Fork f = fork(side, c, n);
          if (f.score != null) {
            (side == a ? s.a() : s.b()).add(f.score);
            if (s.unit().isEmpty()) {
              scores.put(c, s = new CellScores(c, s.a(), s.b(), f.unit, s.failures()));
            }
            log.printf(Locale.ROOT, "ab: [%d/%d] %s %s: %.1f %s%n", n, total, side.name(), c.id().strip(), f.score, f.unit);
          } else {
            s.failures().add(side.name() + " fork " + (round + 1) + " of " + c.id().strip() + ": " + f.failure);
            log.printf(Locale.ROOT, "ab: [%d/%d] %s %s: FAILED: %s%n", n, total, side.name(), c.id().strip(), f.failure);
          }
        }
      }
    }
    return new ArrayList<>(scores.values());
  }

  private record Fork(Double score, String unit, String failure) {}

  private Fork fork(Side side, BenchPlan.Cell c, int n) throws IOException {
    Path result = work.resolve("fork-" + n + "-" + side.name() + ".json");
    Path out = work.resolve("fork-" + n + "-" + side.name() + ".log");
    List<String> flags = new ArrayList<>(List.of(BenchMatrix.forkFlags(backend)));
    flags.addAll(side.jvmFlags());
    BenchPlan.Iterations it = c.iterations();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djmh.ignoreLock=" + ignoreJmhLock, "-jar", side.jar().toString(),
        "^" + Pattern.quote(CounterBenchmark.class.getName() + "." + c.kind().method()) + "$",
        "-p", "variant=" + c.variant(), "-p", "client=" + c.client(), "-p", "server=" + c.server(),
        "-p", "ttlMs=" + c.ttlMs(), "-p", "keys=" + c.keys(), "-t", Integer.toString(c.threads()), "-f", "1",
        "-wi", Integer.toString(it.warmups()), "-w", it.warmupSeconds() + "s",
        "-i", Integer.toString(it.measurements()), "-r", it.measurementSeconds() + "s",
        "-to", "120s", "-foe", "true", "-rf", "json", "-rff", result.toString(),
        "-jvmArgsAppend", String.join(" ", flags)));
    int code = ReferenceBuild.run(work, cmd, out, 5 + it.seconds() / 60);
    long waitUntil = System.nanoTime() + LOCK_WAIT_S * 1_000_000_000L;
    while (code != 0 && lockedOut(out) && System.nanoTime() < waitUntil) {
      log.println("ab: another JMH run holds /tmp/jmh.lock; waiting for it before the next fork");
      try {
        Thread.sleep(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      code = ReferenceBuild.run(work, cmd, out, 5 + it.seconds() / 60);
    }
    if (code != 0 || !Files.isRegularFile(result)) {
      return new Fork(null, null, "exit " + code + ": " + lastLines(out) + " (" + out + ")");
    }
    JsonNode json = JSON.readTree(result.toFile());
    if (!json.isArray() || json.isEmpty()) {
      return new Fork(null, null, "no result in " + result + " (see " + out + ")");
    }
    JsonNode primary = json.get(0).path("primaryMetric");
    Files.deleteIfExists(out);
    return new Fork(forkScore(c.kind(), primary), primary.path("scoreUnit").asText(), null);
  }

  private static boolean lockedOut(Path log) {
    try {
      return Files.readString(log).contains("Unable to acquire the JMH lock");
    } catch (IOException e) {
      return false;
    }
  }

  /** The last lines of a fork's output that say something, for a failure message. */
  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
      return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException | RuntimeException e) {
      return "no output";
    }
  }

  /**
   * A fork's score: for throughput the median of its measurement iterations (one iteration that a
   * neighbour's burst hit does not move it), for latency JMH's score (the mean of every sample).
   */
  static double forkScore(BenchPlan.Kind kind, JsonNode primary) {
    List<Double> iterations = new ArrayList<>();
    if (kind == BenchPlan.Kind.THRPT) {
      primary.path("rawData").forEach(f -> f.forEach(v -> iterations.add(v.asDouble())));
    }
    return iterations.isEmpty() ? primary.path("score").asDouble()
        : AbVerdict.median(iterations.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** The cells with their scores and verdicts, as ab.json and noise.json write them. */
  static ArrayNode json(List<CellScores> scores, double alpha, double minEffect) {
    ArrayNode cells = JSON.createArrayNode();
    List<AbVerdict> verdicts = verdicts(scores, alpha, minEffect);
    for (int i = 0; i < scores.size(); i++) {
      CellScores s = scores.get(i);
      BenchPlan.Cell c = s.cell();
      AbVerdict v = verdicts.get(i);
      ObjectNode o = cells.addObject();
      o.put("id", c.id().strip()).put("kind", c.kind().id()).put("variant", c.variant()).put("client", c.client()).put("server", c.server())
          .put("ttlMs", c.ttlMs()).put("keys", c.keys()).put("threads", c.threads()).put("iterations", c.iterations().toString())
          .put("unit", s.unit()).put("higherIsBetter", s.higherIsBetter());
      ArrayNode aa = o.putArray("a");
      s.a().forEach(aa::add);
      ArrayNode bb = o.putArray("b");
      s.b().forEach(bb::add);
      o.put("verdict", v.outcome().id()).put("why", v.why());
      if (!Double.isNaN(v.ratio())) {
        o.put("medianA", v.medianA()).put("medianB", v.medianB()).put("ratio", v.ratio()).put("p", v.p());
      }
      ArrayNode f = o.putArray("failures");
      s.failures().forEach(f::add);
    }
    return cells;
  }
}
