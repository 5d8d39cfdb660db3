package io.redisrace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.command.BackendOption;
import io.redisrace.command.HarnessCommandLine;
import io.redisrace.command.ShardConverter;
import io.redisrace.counter.CounterVariants;
import io.redisrace.docker.DockerEnvironment;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Shard;
import io.redisrace.server.Backend;
import io.redisrace.topology.ClusterTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the benchmark matrix of one {@code -Dbench.mode} with JMH's {@link Runner}, one JMH run per
 * (server, client, threads, ttl, keys) group, and writes one merged JMH JSON:
 *
 * <pre>
 * results/runs/&lt;yyyyMMdd'T'HHmmss'Z'&gt;/jmh.json      every cell, JMH's own JSON format
 *                                       /run.json      mode, include, machine, JVM, server versions, skipped cells
 *                                       /overhead.json redis-benchmark -c 1 EVALSHA of the lua script
 * results/latest -&gt; runs/&lt;ts&gt;                      stable path (symbolic link, replaced atomically)
 * </pre>
 *
 * Why not one JMH run with every {@code @Param}: JMH runs the full product of its params, and some
 * cells cannot exist (multi-heal on 2.8 fails at setup, and JMH would stop there). The matrix is
 * data ({@code bench-plan.txt}); this class only expands it, leaves out impossible cells with the
 * reason, and adds a PING calibration cell for every (client, server, threads), run just before
 * that server's counter cells.
 *
 * <p>Backends ({@code --backend}, from {@code -Dharness.backend} in the pom): the bare server ids of
 * the plan run where the backend says, and every JMH fork is told the same. The plan's
 * {@code embedded:<id>} cells are the docker backend's reference: the same cells on the same
 * version as a local process, in the same run, so that the report can show the docker / embedded
 * throughput ratio. On any other backend they would repeat the bare cells, and are skipped.
 *
 * <p>{@code java -cp jmh/target/benchmarks.jar io.redisrace.bench.BenchRunner --mode=quick}
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Runs the benchmark matrix and writes results/runs/<ts>/.")
public final class BenchRunner implements Callable<Integer> {

  @Option(names = "--mode", defaultValue = "quick", description = "Plan mode: quick (<= 5 min here) or full (<= 20 min).")
  String mode;

  @Option(names = "--include", defaultValue = ".*", description = "Regex found in a cell id, e.g. 'server=2.8 ' or 'variant=(multi|lua) '.")
  String include;

  @Option(names = "--results", defaultValue = "results", description = "The results directory (runs/ and latest are written there).")
  Path results;

  @Option(names = "--plan", description = "A plan file instead of the built-in bench-plan.txt.")
  Path plan;

  @Option(names = "--dry-run", description = "Print the cells and the time estimate, run nothing.")
  boolean dryRun;

  @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class, defaultValue = "1/1",
      description = "Run only the K-th of N parts of the cells (sorted by id, cell i in shard i mod N + 1); redis-race-report merge joins them.")
  Shard shard;

  @Mixin BackendOption backendOption;

  /** Seconds a cell costs beyond its iterations: fork, JVM start, server start, audit. */
  private static final int CELL_OVERHEAD_S = 2;
  /** What a cell on {@code cluster:<id>} costs more: six nodes started and formed (2.4-3.7 s here, docs/cluster.md). */
  private static final int CLUSTER_START_S = 3;

  /** The run's benchmark seconds with each cell's fork, and each cluster cell's cluster start. */
  static int estimateSeconds(List<BenchMatrix.Group> groups) {
    return groups.stream().mapToInt(g -> g.cellCount() * (g.iterations().seconds() + CELL_OVERHEAD_S
        + (g.server().startsWith(ClusterTarget.PREFIX) ? CLUSTER_START_S : 0))).sum();
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(HarnessCommandLine.execute(new BenchRunner(), args, out, err));
  }

  @Override
  public Integer call() throws Exception {
    BenchPlan p = plan == null ? BenchPlan.builtIn() : BenchPlan.read(plan);
    Backend backend = backendOption.backend();
    if (backend == Backend.DOCKER && !dryRun) {
      // One sentence now, rather than every JMH fork failing at its setup.
      DockerEnvironment.require();
    }
    // This JVM starts servers too (version probes, the redis-benchmark reference); the forks are told with -D.
    System.setProperty(Backend.PROPERTY, backend.id());
    BenchMatrix.Matrix whole = BenchMatrix.matrix(p, mode, include, backend);
    if (!dryRun) {
      whole = ClusterProbe.crossSlot(whole, CounterVariants::parse); // a user variant on two slots: not run, with the reason
    }
    BenchMatrix.Matrix matrix = new BenchMatrix.Matrix(
        shard.of(whole.cells().stream().sorted(Comparator.comparing(BenchPlan.Cell::id)).toList()), whole.skipped(), whole.versions());
    List<BenchMatrix.Group> groups = BenchMatrix.groups(matrix.cells(), backend);
    int estimate = estimateSeconds(groups);
    System.out.printf("bench: mode %s%s, backend %s, %d counter cells + %d calibration cells in %d JMH runs, about %d s%n", mode,
        shard.all() ? "" : ", shard " + shard + " of " + whole.cells().size() + " cells", backend.id(), matrix.cells().size(), groups.stream().filter(g -> g.ping()).mapToInt(BenchMatrix.Group::cellCount).sum(),
        groups.size(), estimate);
    matrix.skipped().forEach(s -> System.out.println("bench: skipped " + s.cell() + ": " + s.reason()));
    if (dryRun) {
      groups.forEach(g -> System.out.println("  " + g));
      return 0;
    }
    if (matrix.cells().isEmpty()) {
      throw new HarnessException("No benchmark cell matches --include '" + include + "' in mode " + mode
          + "; use a regex found in ids like '" + p.cells(mode).get(0).id().strip() + "'.");
    }

    Instant started = Instant.now();
    BenchRunWriter writer = new BenchRunWriter(results, started, shard.suffix());
    Path parts = Files.createTempDirectory(writer.runDir(), ".parts-");
    ArrayNode merged = BenchRunWriter.JSON.createArrayNode();
    List<String> failures = new ArrayList<>();
    HarnessOverhead.Result overhead = runGroups(groups, parts, merged, failures);
    Instant finished = Instant.now();

    ObjectNode runInfo = BenchRunWriter.runInfo(mode, include, matrix, backend, started, finished, failures);
    if (!shard.all()) {
      runInfo.put(Shard.FIELD, shard.toString()).put("shardOfCells", whole.cells().size());
    }
    writer.write(merged, overhead, runInfo);
    HarnessDirs.deleteTree(parts);
    Path latest = writer.pointLatest();
    System.out.printf("bench: %d cells in %d s; wrote %s (%s)%n", merged.size(), Duration.between(started, finished).toSeconds(),
        writer.jmhJson(), latest);
    if (!failures.isEmpty()) {
      System.err.println("bench: " + failures.size() + " JMH run(s) failed:");
      failures.forEach(f -> System.err.println("  " + f));
      return 1;
    }
    return 0;
  }

  /**
   * Runs every group with JMH, adding its results to {@code merged} and its failure to
   * {@code failures}; measures the harness overhead after the reference cell. Returns the overhead.
   */
  private static HarnessOverhead.Result runGroups(List<BenchMatrix.Group> groups, Path parts, ArrayNode merged, List<String> failures)
      throws IOException {
    HarnessOverhead.Result overhead = null;
    int n = 0;
    for (BenchMatrix.Group g : groups) {
      Path part = parts.resolve("part-" + (n++) + ".json");
      System.out.println("bench: [" + n + "/" + groups.size() + "] " + g);
      try {
        new Runner(g.options(part)).run();
        JsonNode node = BenchRunWriter.JSON.readTree(part.toFile());
        node.forEach(merged::add);
      } catch (RunnerException | RuntimeException e) {
        failures.add(g + ": " + e.getMessage());
        System.err.println("bench: FAILED " + g + ": " + e.getMessage());
      }
      if (overhead == null && g.isOverheadReference()) {
        System.out.println("bench: harness overhead: EVALSHA on one connection, server " + g.server());
        overhead = HarnessOverhead.measure(g.server(), "rr:bench:lua:0", g.ttlMs(), 30_000, 3);
        System.out.println("bench: " + (overhead.measured()
            ? String.format("%s: %.0f requests/s (mean of %d)", overhead.tool(), overhead.meanRequestsPerSecond(), overhead.requestsPerSecond().size())
            : "overhead not measured: " + overhead.reason()));
      }
    }
    return overhead != null ? overhead : HarnessOverhead.Result.notMeasured(
        "This run has no single-thread jedis lua throughput cell with one key (see -Dbench.include).");
  }
}
