package io.redisrace.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.command.HarnessCommandLine;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.RunDir;
import io.redisrace.server.Backend;
import io.redisrace.stats.AbVerdict;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The noise model of the A/B gate, measured: runs the A/B comparison of unchanged code against
 * itself {@code --runs} times (every significant change is a false alarm), then the same with a
 * planted slowdown in B ({@code -Dbench.plantSlowdown=x} in B's forks: every operation busy-waits
 * x of its own duration), and prints the false-alarm rate and the detection rate. A run "alarms"
 * when the gate would fail it (at least one cell slower); the cell counts are printed too.
 * Both sides run this jar unless {@code --against} names a git ref for A.
 *
 * <pre>
 * java -cp jmh/target/benchmarks.jar io.redisrace.bench.NoiseCheck --runs=10 --slowdowns=0,0.25,0.10 \
 *     --include='^thrpt variant=(lua|multi) client=jedis server=7.0 ttlMs=20 keys=1 threads=1 '
 * </pre>
 */
@Command(name = "noise", mixinStandardHelpOptions = true,
    description = "Measures the A/B gate's false-alarm rate (unchanged code) and detection rate (a planted slowdown).")
public final class NoiseCheck implements Callable<Integer> {

  @Option(names = "--runs", defaultValue = "10", description = "A/B runs per slowdown.")
  int runs;

  @Option(names = "--slowdowns", defaultValue = "0,0.25,0.10", split = ",",
      description = "Planted slowdowns of B, as fractions of an operation's duration; 0 = unchanged code.")
  double[] slowdowns;

  @Option(names = "--include", defaultValue = "^thrpt variant=(lua|multi) client=jedis server=7.0 ttlMs=20 keys=1 threads=1 ",
      description = "Regex found in a cell id: the cells of each A/B run.")
  String include;

  @Option(names = "--against", description = "A git ref for A (built once); default: this jar on both sides.")
  String against;

  @Option(names = "--mvn", defaultValue = "mvn", description = "Maven executable that builds --against.")
  String mvn;

  @Option(names = "--candidate-jar", description = "The benchmarks jar (default: the jar this runs from).")
  Path candidateJar;

  @Option(names = "--out", defaultValue = "results/" + RunDir.NOISE, description = "Where the runs and the rates are written (atomically).")
  Path out;

  @Option(names = "--ignore-jmh-lock", description = "Run forks even while another JMH run holds /tmp/jmh.lock (tests only: it spoils the figures).")
  boolean ignoreJmhLock;

  @Mixin AbOptions ab;

  public static void main(String[] args) {
    System.exit(HarnessCommandLine.execute(new NoiseCheck(), args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  @Override
  public Integer call() throws Exception {
    AbRunner.Settings s = ab.settings();
    if (runs < 1) {
      throw new HarnessException("--runs must be at least 1, not " + runs + ".");
    }
    if (Arrays.stream(slowdowns).anyMatch(x -> !(x >= 0 && x < 10))) {
      throw new HarnessException("--slowdowns are fractions of an operation's duration between 0 and 10 (0.25 = 25% longer), not "
          + Arrays.toString(slowdowns) + ".");
    }
    Backend backend = ab.backend();
    List<BenchPlan.Cell> cells = ab.cells(include);
    Path candidate = AbRunner.candidateJar(candidateJar);
    Path reference = candidate;
    String refName = "this jar";
    if (against != null && !against.isBlank()) {
      ReferenceBuild.Built b = ReferenceBuild.build(ReferenceBuild.repoOf(Path.of("")), against, mvn, false, System.out);
      reference = b.jar();
      refName = b.ref() + " (" + b.commit().substring(0, 7) + ")";
    }
    System.out.printf("noise: %d slowdown(s) x %d A/B runs of %d cells x %d forks x 2 sides, about %d s%n", slowdowns.length, runs,
        cells.size(), s.forks(), slowdowns.length * runs * AbEngine.estimateSeconds(cells, s.forks()));

    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("format", "redis-race-noise/1");
    root.put("reference", refName).put("mode", ab.mode).put("include", include).put("forks", s.forks()).put("alpha", s.alpha())
        .put("minEffect", s.minEffect()).put("runsPerSlowdown", runs);
    root.put("slowdownMeaning", "B's operations busy-wait this fraction of their own duration: 0.25 = 25% longer, 1/1.25 = 0.8x the ops/s");
    root.set("environment", BenchEnvironment.environment(new LinkedHashMap<>()));
    ArrayNode runsJson = root.putArray("runs");
    ArrayNode summary = root.putArray("summary");
    List<String> lines = new ArrayList<>();
    Instant started = Instant.now();
    for (double slowdown : slowdowns) {
      int alarms = 0;
      int cellAlarms = 0;
      int cellsJudged = 0;
      for (int r = 1; r <= runs; r++) {
        Path work = HarnessDirs.newWorkDir("noise-");
        List<AbEngine.CellScores> scores;
        try {
          List<String> bFlags = slowdown > 0 ? List.of("-Dbench.plantSlowdown=" + slowdown) : List.of();
          scores = new AbEngine(new AbEngine.Side("A", reference, List.of()), new AbEngine.Side("B", candidate, bFlags), s.forks(), backend,
              work, new PrintStream(OutputStream.nullOutputStream())).ignoreJmhLock(ignoreJmhLock).run(cells);
        } finally {
          HarnessDirs.deleteTree(work);
        }
        int slower = 0;
        int changed = 0;
        List<String> verdicts = new ArrayList<>();
        List<AbVerdict> judged = AbEngine.verdicts(scores, s.alpha(), s.minEffect());
        for (int i = 0; i < scores.size(); i++) {
          AbEngine.CellScores c = scores.get(i);
          AbVerdict v = judged.get(i);
          if (v.outcome() != AbVerdict.Outcome.NOT_COMPARED) {
            cellsJudged++;
          }
          if (v.outcome() == AbVerdict.Outcome.SLOWER) {
            slower++;
          }
          if (slowdown == 0 ? v.outcome() == AbVerdict.Outcome.SLOWER || v.outcome() == AbVerdict.Outcome.FASTER
              : v.outcome() == AbVerdict.Outcome.SLOWER) {
            changed++;
          }
          verdicts.add(String.format(Locale.ROOT, "%s %s (B/A %.3f, p=%.3f)", c.cell().variant() + "@" + c.cell().server(),
              v.outcome().id(), v.ratio(), v.p()));
        }
        boolean alarm = slower > 0;
        alarms += alarm ? 1 : 0;
        cellAlarms += changed;
        ObjectNode run = runsJson.addObject();
        run.put("slowdown", slowdown).put("run", r).put("gateFails", alarm).put("cellsFlagged", changed);
        run.set("cells", AbEngine.json(scores, s.alpha(), s.minEffect()));
        System.out.printf(Locale.ROOT, "noise: %s run %d/%d: %s%s%n", label(slowdown), r, runs, alarm ? "gate FAILS: " : "gate passes: ",
            String.join(", ", verdicts));
      }
      String line = slowdown == 0
          ? String.format(Locale.ROOT, "noise: unchanged code: false alarms in %d of %d A/B runs (the gate failed); %d of %d cell verdicts "
              + "were a significant change either way", alarms, runs, cellAlarms, cellsJudged)
          : String.format(Locale.ROOT, "noise: planted %s slowdown: detected in %d of %d A/B runs (the gate failed); %d of %d cell verdicts "
              + "said slower", label(slowdown), alarms, runs, cellAlarms, cellsJudged);
      lines.add(line);
      summary.addObject().put("slowdown", slowdown).put("runs", runs).put("runsGateFailed", alarms).put("cellsFlagged", cellAlarms)
          .put("cellsJudged", cellsJudged).put("line", line);
    }
    root.put("wallSeconds", Duration.between(started, Instant.now()).toSeconds());
    lines.forEach(System.out::println);
    Path target = out.toAbsolutePath();
    BenchRunWriter.writeJson(target, root);
    System.out.println("noise: wrote " + target);
    return 0;
  }

  private static String label(double slowdown) {
    return slowdown == 0 ? "unchanged" : String.format(Locale.ROOT, "%.0f%%", slowdown * 100);
  }
}
