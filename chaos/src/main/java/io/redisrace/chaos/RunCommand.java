package io.redisrace.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.HarnessException;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.chaos.report.ChaosRates;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.command.DurationConverter;
import io.redisrace.command.ShardConverter;
import io.redisrace.process.RunDir;
import io.redisrace.process.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code run}: the chaos matrix (or a hunt), chaos.json, the heat table and the gate. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the chaos matrix (or a hunt) and writes chaos.json.")
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ChaosOptions common;
  @Option(names = "--variants", description = "Comma-separated loader variants or 'all': ${COMPLETION-CANDIDATES}.",
      completionCandidates = VariantIds.class)
  String variants;
  @Option(names = "--faults", description = "Comma-separated faults or 'all': ${COMPLETION-CANDIDATES}.",
      completionCandidates = FaultIds.class)
  String faults;
  @Option(names = "--clients", description = "Comma-separated client modes or 'all': jedis, jedis-retry, lettuce, lettuce-at-most-once.")
  String clients;
  @Option(names = "--trials", description = "Trials per variant x fault cell (quick 1, full 20).")
  Integer trials;
  @Option(names = "--parallel", description = "Trials side by side (default 2).")
  Integer parallel;
  @Option(names = "--out", description = "Directory of run directories (default results/runs).")
  Path out;
  @Option(names = "--time-limit", converter = DurationConverter.class, description = "No trial starts past this (quick 10m, full 25m).")
  Duration timeLimit;
  @Option(names = "--concurrency", paramLabel = "N[,N...]|off", split = ",",
      description = "Loader counts of the fault-free concurrency cells, each variant x N x chunk size (quick 2,4; full 1,2,4,8; off: none).")
  List<String> concurrency;
  @Option(names = "--concurrency-chunk-sizes", paramLabel = "SIZE[,SIZE...]", split = ",",
      description = "Chunk sizes of the concurrency cells (quick 10; full 10,50).")
  List<Integer> concurrencyChunkSizes;
  @Option(names = "--concurrency-rows", paramLabel = "N", description = "Rows of the concurrency cells' table (default 2000).")
  Integer concurrencyRows;
  @Option(names = "--concurrency-trials", paramLabel = "N", description = "Trials per concurrency cell (quick 1, full 5).")
  Integer concurrencyTrials;
  @Option(names = "--hunt", paramLabel = "VARIANT", description = "Random trials until VARIANT loses or duplicates a row (or the time limit).")
  String hunt;
  @Option(names = "--no-gate", description = "Exit 0 even when the gate fails.")
  boolean noGate;
  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Put chaos.json into this existing run directory instead of a new one under --out (mvn verify -Pbench joins the benchmark run this way).")
  Path runDir;
  @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
      description = "Run only the K-th of N parts of the matrix (trial i in shard i mod N + 1); redis-race-report merge joins them.")
  Shard shard = Shard.ALL;

  /** Moves {@code file} into {@code runDir} (atomically) and removes its own directory once empty. */
  static Path intoRunDir(Path file, Path runDir) throws IOException {
    Path target = RunDir.copy(file, runDir.resolve(RunDir.CHAOS));
    java.nio.file.Files.delete(file);
    try (var left = java.nio.file.Files.list(file.getParent())) {
      if (left.findAny().isEmpty()) {
        java.nio.file.Files.delete(file.getParent());
      }
    }
    return target;
  }

  /** The concurrency cells as given on the command line, or null for the mode's. */
  private ChaosSettings.Concurrency concurrency() {
    if (concurrency == null && concurrencyChunkSizes == null && concurrencyRows == null && concurrencyTrials == null) {
      return null;
    }
    ChaosSettings.Concurrency p = ChaosSettings.preset(common.mode).concurrency();
    List<Integer> loaders = p.loaders();
    if (concurrency != null) {
      loaders = concurrency.equals(List.of("off")) ? List.of() : concurrency.stream().map(n -> {
        try {
          return Integer.parseInt(n.trim());
        } catch (NumberFormatException e) {
          throw new HarnessException("--concurrency takes loader counts like 2,4,8 or 'off', not '" + n + "'.");
        }
      }).toList();
    }
    return new ChaosSettings.Concurrency(loaders, concurrencyChunkSizes != null ? concurrencyChunkSizes : p.chunkSizes(),
        concurrencyRows != null ? concurrencyRows : p.rows(), concurrencyTrials != null ? concurrencyTrials : p.trials());
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (runDir != null && !java.nio.file.Files.isDirectory(runDir)) {
      throw new io.redisrace.HarnessException("--run-dir " + runDir + " is not a directory; give an existing run directory such as results/latest.");
    }
    if (hunt != null && !shard.all()) {
      throw new HarnessException("--shard splits the matrix, not a hunt; run the hunt whole or give each machine its own --seed.");
    }
    if (hunt != null) {
      common.programs.variant(hunt);
      if (variants == null) {
        variants = hunt;
      }
    }
    ChaosSettings s = common.settings(variants, faults, clients, trials, parallel, out, timeLimit, concurrency());
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    ChaosRun run = new ChaosRun(s, err).shard(shard);
    ChaosRun.Outcome o = hunt != null ? run.hunt(hunt) : run.matrix();
    JsonNode doc = new ObjectMapper().valueToTree(o.document());
    stdout.println();
    stdout.print(ChaosHeatTable.from(doc).markdown());
    ChaosRates rates = ChaosRates.from(doc);
    if (rates.worthShowing()) {
      stdout.println();
      stdout.print(rates.markdown());
    }
    // With --run-dir, chaos.json joins that run (mvn verify -Pbench: the benchmark run) and the
    // directory of its own goes: one run directory per run.
    Path file = runDir == null ? o.file() : intoRunDir(o.file(), runDir);
    stdout.printf("%n%d trials in %.1f s: %.1f trials/min. Wrote %s%n", o.trials().size(), o.seconds(),
        o.trials().size() / (o.seconds() / 60), file.toAbsolutePath().normalize());
    if (hunt != null) {
      JsonNode first = doc.path("firstDefect");
      stdout.println(first.path("afterSeconds").asDouble() < 0 ? "no " + hunt + " defect found within the time limit."
          : "first " + hunt + " defect after " + first.path("afterSeconds").asText() + " s (seen by the checker after "
            + first.path("foundAfterSeconds").asText() + " s, trial [" + first.path("progress").asText() + "]): "
            + first.path("verdict").asText() + "\n  replay: " + first.path("replay").asText());
    }
    List<String> failures = ChaosGate.evaluate(doc);
    failures.forEach(f -> stdout.println("GATE FAIL: " + f));
    if (failures.isEmpty()) {
      stdout.println("gate: pass");
    }
    stdout.flush();
    return failures.isEmpty() || noGate ? 0 : 1;
  }
}
