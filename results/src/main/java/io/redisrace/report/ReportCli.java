package io.redisrace.report;

import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import io.redisrace.command.HarnessCommandLine;
import io.redisrace.process.RunDir;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code java -jar results/target/redis-race-report.jar <command>}: the report and the gate.
 * Exit codes: 0 ok / gate passed, 1 gate failed (a regression), 2 bad input (one sentence).
 */
@Command(
    name = "redis-race-report",
    mixinStandardHelpOptions = true,
    versionProvider = HarnessCommandLine.Version.class,
    description = "Writes the benchmark report, gates a run against a baseline, and merges the shards of a run.",
    subcommands = {ReportCli.ReportCommand.class, ReportCli.GateCommand.class, ReportCli.CompareCommand.class, MergeCommand.class})
public final class ReportCli {

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return HarnessCommandLine.execute(new ReportCli(), args, out, err);
  }

  static BenchExpectations expectations(Path file) {
    if (file != null) {
      return BenchExpectations.read(file);
    }
    Path local = Path.of("results", "expectations.txt");
    return Files.isRegularFile(local) ? BenchExpectations.read(local) : BenchExpectations.builtIn();
  }

  /** Shared options. */
  static class Common {
    @Spec CommandSpec spec;

    @Option(names = "--expectations", description = "Expectations file (default: results/expectations.txt, else the built-in copy).")
    Path expectationsFile;

    @Option(names = "--threshold", defaultValue = "0.2", description = "Throughput drop that fails the gate, as a fraction (default 0.2 = 20%%).")
    double threshold;

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  @Command(name = "report", mixinStandardHelpOptions = true, description = "Writes index.html, summary.md, benchmark-action.json, bencher.json and junit/ for a run.")
  static final class ReportCommand extends Common implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "results/latest", description = "Run directory, baseline or JMH JSON (default results/latest).")
    Path run;

    @Option(names = "--out", defaultValue = "results/report", description = "Output directory (default results/report).")
    Path outDir;

    @Override
    public Integer call() {
      RunData data = RunData.load(run);
      Report.write(new ReportContext(data, Optional.empty(), Optional.empty(), expectations(expectationsFile)), outDir);
      out().println("report: wrote " + outDir.toAbsolutePath().normalize().resolve("index.html") + ", summary.md, benchmark-action.json, bencher.json, junit/");
      out().println(OverheadRatio.sentence(data));
      return 0;
    }
  }

  @Command(name = "gate", mixinStandardHelpOptions = true,
      description = "Writes the report, compares the run with the baseline and exits 1 on a regression.")
  static final class GateCommand extends Common implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "results/latest", description = "Run directory (default results/latest).")
    Path run;

    @Option(names = "--baseline", defaultValue = "results/baseline", description = "Baseline directory (default results/baseline).")
    Path baselineDir;

    @Option(names = "--out", defaultValue = "results/report", description = "Report directory (default results/report).")
    Path outDir;

    @Option(names = "--atlas", defaultValue = "results/atlas", paramLabel = "DIR",
        description = "The version atlas's run directory (redis-race atlas --run-dir); when its atlas.json is there, every atlas cell is gated too (default: ${DEFAULT-VALUE}).")
    Path atlasDir;

    @Option(names = "--update-baseline", arity = "0..1", fallbackValue = "true", defaultValue = "false",
        description = "Promote this run to baseline (atomically) unless it breaks the expectations file.")
    boolean updateBaseline;

    @Override
    public Integer call() {
      RunData data = withAtlas(RunData.load(run), atlasDir);
      RunData baseline = null;
      if (Files.isRegularFile(baselineDir.resolve(RunData.BASELINE_FILE))) {
        baseline = RunData.load(baselineDir);
      } else {
        out().println("gate: no baseline at " + baselineDir.resolve(RunData.BASELINE_FILE)
            + ": throughput is not gated; promote this run with -Dgate.updateBaseline=true.");
      }
      BenchGate.Result result = new BenchGate(threshold, expectations(expectationsFile)).check(baseline, data);
      Report.write(new ReportContext(data, Optional.ofNullable(baseline), Optional.of(result), expectations(expectationsFile)), outDir);
      out().println("report: " + outDir.toAbsolutePath().normalize().resolve("index.html"));
      out().println(OverheadRatio.sentence(data));
      out().print(BenchGate.table(result));
      out().println(AtlasGate.of(data).map(a -> "atlas gate: " + AtlasGate.cells(a).size() + " cells of " + a.path("versions").size()
          + " versions checked against the expectations (findings in the table above)").orElse("atlas gate: not checked (no atlas.json)"));
      List<String> chaosFailures = ChaosJson.gateFailures(data);
      if (ChaosJson.present(data)) {
        chaosFailures.forEach(f -> out().println("CHAOS GATE FAIL: " + f));
        out().println(chaosFailures.isEmpty() ? "chaos gate: passed (chaos.json of this run)" : "chaos gate: FAILED");
      } else {
        out().println("chaos gate: not checked (this run has no chaos.json)");
      }
      out().flush();
      if (updateBaseline) {
        if (!chaosFailures.isEmpty()) {
          out().println("gate: NOT promoted: the chaos gate failed (see above).");
          return 1;
        }
        if (!result.expectationFindings().isEmpty()) {
          out().println("gate: NOT promoted: the run breaks results/expectations.txt (see the table); fix the harness or the file first.");
          return 1;
        }
        Path written = Baseline.promote(data, baselineDir);
        out().println("gate: promoted " + data.name() + " to baseline " + written + (result.passed() ? "" : " (its regressions are now the baseline)"));
        return 0;
      }
      return result.passed() && chaosFailures.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "compare", mixinStandardHelpOptions = true,
      description = "Compares run B with run A (A plays the baseline): a table per cell, then the gate's verdict; exit 1 when B regressed.")
  static final class CompareCommand extends Common implements Callable<Integer> {
    @Parameters(index = "0", description = "Run A (the reference): run directory, baseline or JMH JSON.")
    Path a;

    @Parameters(index = "1", description = "Run B (the candidate).")
    Path b;

    @Option(names = "--out", description = "Also write B's report, compared with A, to this directory.")
    Path outDir;

    @Override
    public Integer call() {
      RunData runA = RunData.load(a);
      RunData runB = RunData.load(b);
      if (runA.counterCells().isEmpty() && runB.counterCells().isEmpty()) {
        throw new HarnessException("Neither " + a + " nor " + b + " has counter benchmark results; pass two runs of BenchRunner.");
      }
      BenchGate.Result result = new BenchGate(threshold, expectations(expectationsFile)).check(runA, runB);
      PrintWriter o = out();
      o.println("A = " + runA.name() + ", B = " + runB.name());
      o.println();
      o.println("| cell | better | A × PING | B × PING | change | A TTL-less | B TTL-less |");
      o.println("|---|---|---:|---:|---:|---|---|");
      for (JmhResult rb : runB.counterCells()) {
        Optional<JmhResult> ra = runA.find(rb.cell());
        Optional<RunData.Normalised> na = ra.flatMap(runA::normalised);
        Optional<RunData.Normalised> nb = runB.normalised(rb);
        String change = na.isPresent() && nb.isPresent()
            ? String.format(Locale.ROOT, "%+.1f%%", (nb.get().value() / na.get().value() - 1) * 100) : "-";
        o.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", rb.cell().id(), better(rb),
            na.map(n -> String.format(Locale.ROOT, "%.3f ±%.3f", n.value(), n.error())).orElse("-"),
            nb.map(n -> String.format(Locale.ROOT, "%.3f ±%.3f", n.value(), n.error())).orElse("-"), change,
            ra.map(r -> r.ttlLess() + "/" + r.ops()).orElse("-"), rb.ttlLess() + "/" + rb.ops());
      }
      o.println();
      o.print(BenchGate.table(result));
      if (outDir != null) {
        Report.write(new ReportContext(runB, Optional.of(runA), Optional.of(result), expectations(expectationsFile)), outDir);
        o.println("report: " + outDir.toAbsolutePath().normalize().resolve("index.html"));
      }
      o.println(result.passed()
          ? "compare: B passed the gate against A."
          : "compare: B FAILED the gate against A: " + result.findings().size() + " finding(s) in the table above (exit 1).");
      return result.passed() ? 0 : 1;
    }
  }

  /** {@code run}, with the atlas of {@code atlasDir} when the run has none of its own and that directory has one. */
  static RunData withAtlas(RunData run, Path atlasDir) {
    Path file = atlasDir.resolve(RunDir.ATLAS);
    if (AtlasGate.of(run).isPresent() || !Files.isRegularFile(file)) {
      return run;
    }
    return run.withFile(RunDir.ATLAS, RunData.load(atlasDir).file(RunDir.ATLAS).orElseThrow());
  }

  /** Which way is better in a cell of the compare table: throughput up, latency (time per op) down. */
  static String better(JmhResult r) {
    return r.cell().kind().equals("sample") ? "lower (latency)" : "higher (ops/s)";
  }

  static String version() {
    return HarnessInfo.version();
  }
}
