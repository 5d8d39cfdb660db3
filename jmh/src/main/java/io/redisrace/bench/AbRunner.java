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
import io.redisrace.stats.MannWhitney;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Same-run A/B: {@code -Dgate.against=<git ref>}. Builds the ref's benchmarks jar in a git worktree
 * ({@link ReferenceBuild}), runs reference (A) and candidate (B) forks of every selected cell
 * interleaved on this machine ({@link AbEngine}), and writes {@code ab.json} into the run directory
 * that BenchRunner just wrote ({@code results/latest}); the gate judges it (Mann-Whitney U on the
 * per-fork scores and a minimum effect, higher ops/s and lower latency being better). Without
 * {@code --against} it does nothing, so {@code mvn verify -Pbench} can always call it.
 *
 * <p>{@code java -cp jmh/target/benchmarks.jar io.redisrace.bench.AbRunner --against=origin/main --include='threads=1 '}
 */
@Command(name = "ab", mixinStandardHelpOptions = true,
    description = "Runs reference and candidate forks interleaved and writes ab.json into the latest run for the gate.")
public final class AbRunner implements Callable<Integer> {

  @Option(names = "--against", defaultValue = "", description = "The git ref of the reference (A), e.g. origin/main or HEAD; empty: do nothing.")
  String against;

  @Option(names = "--include", defaultValue = ".*", description = "Regex found in a cell id: the cells to compare.")
  String include;

  @Option(names = "--results", defaultValue = "results", description = "The results directory; ab.json goes into its latest run.")
  Path results;

  @Option(names = "--repo", description = "The git repository (default: the one holding the working directory).")
  Path repo;

  @Option(names = "--mvn", defaultValue = "mvn", description = "Maven executable that builds the reference.")
  String mvn;

  @Option(names = "--offline", arity = "0..1", fallbackValue = "true", defaultValue = "false", description = "Build the reference with mvn -o.")
  boolean offline;

  @Option(names = "--candidate-jar", description = "The candidate's benchmarks jar (default: the jar this runs from).")
  Path candidateJar;

  @Mixin AbOptions ab;

  public static void main(String[] args) {
    System.exit(HarnessCommandLine.execute(new AbRunner(), args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  @Override
  public Integer call() throws Exception {
    if (against == null || against.isBlank()) {
      return 0;
    }
    Settings s = ab.settings();
    Path latest = results.resolve(RunDir.LATEST);
    if (!Files.isDirectory(latest)) {
      throw new HarnessException("There is no run at " + latest + " to add ab.json to; run BenchRunner (mvn verify -Pbench) first.");
    }
    Backend backend = ab.backend();
    List<BenchPlan.Cell> cells = ab.cells(include);
    requireReachable(s, cells.size());
    Path candidate = candidateJar(candidateJar);
    ReferenceBuild.Built ref = ReferenceBuild.build(repo != null ? repo : ReferenceBuild.repoOf(Path.of("")), against, mvn, offline, System.out);
    System.out.printf("ab: %d cells x %d forks x 2 sides, interleaved, about %d s%n", cells.size(), s.forks(),
        AbEngine.estimateSeconds(cells, s.forks()));
    Instant started = Instant.now();
    Path work = HarnessDirs.newWorkDir("ab-");
    List<AbEngine.CellScores> scores;
    try {
      scores = new AbEngine(new AbEngine.Side("A", ref.jar(), List.of()), new AbEngine.Side("B", candidate, List.of()), s.forks(), backend,
          work, System.out).run(cells);
    } finally {
      HarnessDirs.deleteTree(work);
    }
    ObjectNode doc = new ObjectMapper().createObjectNode();
    doc.put("format", "redis-race-ab/1");
    doc.putObject("reference").put("ref", ref.ref()).put("commit", ref.commit()).put("jar", ref.jar().toString());
    doc.putObject("candidate").put("jar", candidate.toString())
        .put("commit", ReferenceBuild.git(Path.of(""), "rev-parse", "HEAD").orElse("?") + " (working tree)");
    doc.put("mode", ab.mode).put("include", include).put("forks", s.forks()).put("alpha", s.alpha()).put("minEffect", s.minEffect());
    doc.put("order", "rounds; in each round every cell once per side, A first in odd rounds and B first in even ones");
    doc.put("started", started.toString()).put("wallSeconds", Duration.between(started, Instant.now()).toSeconds());
    doc.set("cells", AbEngine.json(scores, s.alpha(), s.minEffect()));
    ArrayNode failures = doc.putArray("failures");
    scores.forEach(c -> c.failures().forEach(failures::add));
    Path runDir = latest.toRealPath();
    BenchRunWriter.writeJson(runDir.resolve(RunDir.AB), doc);
    List<AbVerdict> verdicts = AbEngine.verdicts(scores, s.alpha(), s.minEffect());
    for (int i = 0; i < scores.size(); i++) {
      AbVerdict v = verdicts.get(i);
      System.out.printf(Locale.ROOT, "ab: %-12s %s: %s%n", v.outcome().id(), scores.get(i).cell().id().strip(), v.why());
    }
    System.out.println("ab: wrote " + runDir.resolve(RunDir.AB) + " (the gate judges it)");
    return 0;
  }

  /** Checked A/B settings. */
  record Settings(int forks, double alpha, double minEffect) {}

  static Settings settings(int forks, double alpha, double minEffect) {
    if (forks < 2) {
      throw new HarnessException("--forks must be at least 2 (4 or more for p < 0.05 to be reachable), not " + forks + ".");
    }
    if (!(alpha > 0 && alpha < 1)) {
      throw new HarnessException("--alpha must be between 0 and 1 (0.05), not " + alpha + ".");
    }
    if (!(minEffect >= 0 && minEffect < 1)) {
      throw new HarnessException("--min-effect must be a fraction between 0 and 1 (0.05 = 5%), not " + minEffect + ".");
    }
    return new Settings(forks, alpha, minEffect);
  }

  /**
   * Refuses a run in which no cell could ever be judged: Holm holds the most significant of m cells
   * to alpha / m, and with n forks a side no p is below 2 / C(2n, n).
   */
  static void requireReachable(Settings s, int cells) {
    double smallest = 2 / MannWhitney.splits(s.forks(), s.forks());
    if (smallest >= s.alpha() / cells) {
      throw new HarnessException(String.format(Locale.ROOT, "With %d forks a side the smallest possible p is %.4f, not below %.4f (alpha %s "
          + "over %d cells), so no cell could be judged; raise -Dgate.forks or select fewer cells with -Dgate.abInclude.", s.forks(),
          smallest, s.alpha() / cells, s.alpha(), cells));
    }
  }

  /** The plan's cells of a mode that match the include regex and that their server can run here. */
  static List<BenchPlan.Cell> cells(Path plan, String mode, String include, Backend backend) {
    BenchPlan p = plan == null ? BenchPlan.builtIn() : BenchPlan.read(plan);
    List<BenchPlan.Cell> cells = BenchMatrix.matrix(p, mode, include, backend).cells();
    if (cells.isEmpty()) {
      throw new HarnessException("No benchmark cell matches the include '" + include + "' in mode " + mode + " for the A/B run.");
    }
    return cells;
  }

  /** The candidate's jar: as given, else the jar this class was loaded from. */
  static Path candidateJar(Path given) {
    if (given != null) {
      if (!Files.isRegularFile(given)) {
        throw new HarnessException("The candidate jar " + given + " does not exist; build it with mvn -pl jmh -am package -DskipTests.");
      }
      return given.toAbsolutePath();
    }
    try {
      Path self = Path.of(AbRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isRegularFile(self) && self.toString().endsWith(".jar")) {
        return self;
      }
    } catch (URISyntaxException | SecurityException e) {
      // fall through
    }
    throw new HarnessException("Not running from benchmarks.jar; pass --candidate-jar=jmh/target/benchmarks.jar.");
  }
}
