package io.redisrace.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.chaos.report.ChaosRates;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.client.ClientMode;
import io.redisrace.command.BackendOption;
import io.redisrace.command.DurationConverter;
import io.redisrace.command.HarnessCommandLine;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.SourceTable;
import io.redisrace.process.RunDir;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code java -jar chaos/target/redis-race-chaos.jar <command>}: the chaos harness.
 *
 * <pre>
 * java -jar chaos/target/redis-race-chaos.jar run --mode quick          # every variant x fault, 1 trial each
 * java -jar chaos/target/redis-race-chaos.jar run --mode full           # 20 trials per cell
 * java -jar chaos/target/redis-race-chaos.jar run --hunt client-name-lock --time-limit 60s
 * java -jar chaos/target/redis-race-chaos.jar trial --seed 123 --variant bitmap --fault sigstop --client lettuce
 * java -jar chaos/target/redis-race-chaos.jar gate results/runs/.../chaos.json
 * </pre>
 * Exit codes: 0 pass, 1 the gate failed, 2 bad input (one sentence on stderr).
 */
@Command(name = "redis-race-chaos", mixinStandardHelpOptions = true, versionProvider = HarnessCommandLine.Version.class,
    description = "Chaos tests of chunked table-to-Redis loaders: kills, pauses and Toxiproxy faults.",
    subcommands = {ChaosCli.Run.class, ChaosCli.Trial.class, ChaosCli.Gate.class, ChaosCli.Table.class})
public final class ChaosCli {

  public static void main(String[] args) {
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return HarnessCommandLine.commandLine(new ChaosCli(), out, err).execute(args);
  }

  /** Options shared by run and trial. */
  static final class Common {
    @Option(names = "--mode", defaultValue = "quick", description = "quick or full: presets of the settings below (default: ${DEFAULT-VALUE}).")
    String mode;
    @Option(names = "--seed", description = "Seed of the schedule (default: " + ChaosSettings.DEFAULT_SEED + ").")
    Long seed;
    @Option(names = "--rows", description = "Rows of the generated SQLite source (quick 60, full 100; with --loaders: 2000).")
    Integer rows;
    @Option(names = "--chunk-size", description = "Rows per chunk (default 20; with --loaders: 10).")
    Integer chunkSize;
    @Option(names = "--loaders", paramLabel = "N",
        description = "Loader processes per trial, 1 to 8: A (the one a fault strikes) and N-1 competitors "
            + "(default: 1 for plain, 2 for the others).")
    Integer loaders;
    @Option(names = "--skew-ms", paramLabel = "MS", description = "Start skew: each competitor starts a seeded 0..MS ms after A (default 0).")
    Integer skewMs;
    @Option(names = "--server", description = "Redis server id: 2.8, 6.2, 7.0, system, docker:<image> (default 7.0).")
    String server;
    @Option(names = "--timeout-ms", description = "Redis command timeout of the loaders (default 1500).")
    Long timeoutMs;
    @Option(names = "--jdbc", paramLabel = "URL", description = "Use this JDBC source instead of a generated SQLite file (ids must be 1..N).")
    String jdbc;
    @Option(names = "--table", defaultValue = "rows", description = "Source table (default: ${DEFAULT-VALUE}).")
    String table;
    @Mixin BackendOption backendOption;

    ChaosSettings settings(String variants, String faults, String clients, Integer trials, Integer parallel, Path out, Duration limit,
        ChaosSettings.Concurrency concurrency) {
      ChaosSettings p = ChaosSettings.preset(mode);
      ChaosSettings.Concurrency conc = concurrency != null ? concurrency : p.concurrency();
      // A run with loaders chosen by hand is about concurrency: it gets the concurrency table unless told otherwise.
      int r = rows != null ? rows : loaders != null ? conc.rows() : p.rows();
      int c = chunkSize != null ? chunkSize : loaders != null ? conc.chunkSizes().get(0) : p.chunkSize();
      if (jdbc != null) {
        try (SourceTable t = SourceTable.open(jdbc, table)) {
          r = (int) t.rows();
        }
        conc = new ChaosSettings.Concurrency(conc.loaders(), conc.chunkSizes(), r, conc.trials());
      }
      return new ChaosSettings(p.mode(), seed != null ? seed : p.seed(),
          list(variants, LoaderVariant::parse, List.of(LoaderVariant.values())),
          list(faults, Fault::parse, List.of(Fault.values())),
          list(clients, ClientMode::parse, List.of(ClientMode.values())),
          trials != null ? trials : p.trialsPerCell(), r, c, loaders, skewMs != null ? skewMs : p.skewMs(), conc,
          timeoutMs != null ? Duration.ofMillis(positive(timeoutMs, "--timeout-ms")) : p.clientTimeout(),
          parallel != null ? parallel : p.parallel(), server != null ? server : p.server(), out != null ? out : p.outDir(),
          limit != null ? limit : p.timeLimit(), jdbc, table, backendOption.backend());
    }

    private static long positive(long v, String option) {
      if (v <= 0) {
        throw new HarnessException(option + " must be positive, not " + v + ".");
      }
      return v;
    }

    static <T> List<T> list(String csv, java.util.function.Function<String, T> parse, List<T> all) {
      if (csv == null || csv.isBlank() || csv.equals("all")) {
        return all;
      }
      return java.util.Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(parse).distinct().toList();
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the chaos matrix (or a hunt) and writes chaos.json.")
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;
    @Option(names = "--variants", description = "Comma-separated loader variants or 'all': " + "plain, bitmap, client-name-lock, fenced.")
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
        description = "Also put chaos.json into this existing run directory (mvn verify -Pbench joins the benchmark run this way).")
    Path runDir;

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
      if (hunt != null) {
        LoaderVariant.parse(hunt);
        if (variants == null) {
          variants = hunt;
        }
      }
      ChaosSettings s = common.settings(variants, faults, clients, trials, parallel, out, timeLimit, concurrency());
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter stdout = spec.commandLine().getOut();
      ChaosRun run = new ChaosRun(s, err);
      ChaosRun.Outcome o = hunt != null ? run.hunt(hunt) : run.matrix();
      JsonNode doc = new ObjectMapper().valueToTree(o.document());
      stdout.println();
      stdout.print(ChaosHeatTable.from(doc).markdown());
      ChaosRates rates = ChaosRates.from(doc);
      if (rates.worthShowing()) {
        stdout.println();
        stdout.print(rates.markdown());
      }
      stdout.printf("%n%d trials in %.1f s: %.1f trials/min. Wrote %s%n", o.trials().size(), o.seconds(),
          o.trials().size() / (o.seconds() / 60), o.file());
      if (runDir != null) {
        stdout.println("Wrote " + RunDir.copy(o.file(), runDir.resolve(RunDir.CHAOS)));
      }
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

  @Command(name = "trial", mixinStandardHelpOptions = true,
      description = "Replays one trial from its seed and prints its record. Exit codes: 0 every row loaded exactly once, "
          + "1 a row lost or duplicated (or the bitmap inconsistent), 2 bad input.")
  static final class Trial implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Common common;
    @Option(names = "--variant", required = true, description = "Loader variant: plain, bitmap, client-name-lock, fenced.")
    String variant;
    @Option(names = "--fault", required = true, description = "Fault: ${COMPLETION-CANDIDATES}.", completionCandidates = FaultIds.class)
    String fault;
    @Option(names = "--client", required = true, description = "Client mode: jedis, jedis-retry, lettuce, lettuce-at-most-once.")
    String client;
    @Option(names = "--out", paramLabel = "DIR",
        description = "Also write the trial as a chaos.json of one trial under DIR/<timestamp>/ (gate and table read it).")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
      LoaderVariant v = LoaderVariant.parse(variant);
      Fault f = Fault.parse(fault);
      ClientMode c = ClientMode.parse(client);
      ChaosSettings s = common.settings(v.id(), f.id(), c.id(), 1, 1, out, null, null);
      long seed = common.seed != null ? common.seed : s.seed();
      TrialPlan plan = Schedule.plan(seed, v, f, c, s.shape(v));
      java.time.Instant startedAt = java.time.Instant.now();
      long t0 = System.nanoTime();
      try (var env = io.redisrace.chaos.runner.ChaosEnvironment.start(s)) {
        TrialRecord r = env.runner().run(0, plan);
        spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        if (out != null) {
          java.util.Map<String, Object> doc = io.redisrace.chaos.runner.ChaosResults.document(s, env.redis().id(),
              env.redis().version().toString(), env.redis().backend(), env.toxiproxy().toString(), startedAt,
              (System.nanoTime() - t0) / 1e9, List.of(r), java.util.Map.of("harnessErrors", 0));
          spec.commandLine().getErr().println("Wrote " + io.redisrace.chaos.runner.ChaosResults.write(out, startedAt, doc));
        }
        return r.valid() ? 0 : 1;
      }
    }
  }

  @Command(name = "gate", mixinStandardHelpOptions = true, description = "Evaluates the chaos gate on a chaos.json file.")
  static final class Gate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "CHAOS_JSON") Path file;

    @Override
    public Integer call() throws IOException {
      JsonNode doc = read(file);
      List<String> failures = ChaosGate.evaluate(doc);
      PrintWriter out = spec.commandLine().getOut();
      failures.forEach(f -> out.println("GATE FAIL: " + f));
      out.println(failures.isEmpty() ? "gate: pass" : "gate: " + failures.size() + " failure(s)");
      out.flush();
      return failures.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "table", mixinStandardHelpOptions = true, description = "Prints the heat table of a chaos.json file (Markdown or --html).")
  static final class Table implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "CHAOS_JSON") Path file;
    @Option(names = "--html") boolean html;

    @Override
    public Integer call() throws IOException {
      ChaosHeatTable t = ChaosHeatTable.from(read(file));
      PrintWriter out = spec.commandLine().getOut();
      out.print(html ? t.html() : t.markdown());
      ChaosRates rates = ChaosRates.from(read(file));
      if (!html && rates.worthShowing()) {
        out.println();
        out.print(rates.markdown());
      }
      out.flush();
      return 0;
    }
  }

  /** The fault ids, for help texts. */
  static final class FaultIds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Arrays.stream(Fault.values()).map(Fault::id).iterator();
    }
  }

  static JsonNode read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new HarnessException("No chaos.json at " + file + "; pass the file a chaos run wrote.");
    }
    try {
      JsonNode doc = new ObjectMapper().readTree(file.toFile());
      if (!io.redisrace.chaos.runner.ChaosResults.SCHEMA.equals(doc.path("schema").asText())) {
        throw new HarnessException(file + " is not a chaos.json of schema " + io.redisrace.chaos.runner.ChaosResults.SCHEMA + ".");
      }
      return doc;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new HarnessException(file + " is not valid JSON; pass the file a chaos run wrote.");
    }
  }
}
