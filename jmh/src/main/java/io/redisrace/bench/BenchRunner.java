package io.redisrace.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.cli.RedisRaceCli;
import io.redisrace.counter.CounterVariants;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.RedisServer;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
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

  @Mixin io.redisrace.cli.BackendOption backendOption;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  /** Seconds a cell costs beyond its iterations: fork, JVM start, server start, audit. */
  private static final int CELL_OVERHEAD_S = 2;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    System.exit(RedisRaceCli.commandLine(new BenchRunner(), out, err).execute(args));
  }

  /** A cell that will not run, and why. */
  record Skipped(String cell, String reason) {}

  /** What the runner decided to run. */
  record Matrix(List<BenchPlan.Cell> cells, List<Skipped> skipped, Map<String, RedisVersion> versions) {}

  @Override
  public Integer call() throws Exception {
    BenchPlan p = plan == null ? BenchPlan.builtIn() : BenchPlan.read(plan);
    Backend backend = backendOption.backend();
    if (backend == Backend.DOCKER && !dryRun) {
      // One sentence now, rather than every JMH fork failing at its setup.
      io.redisrace.docker.DockerEnvironment.require();
    }
    // This JVM starts servers too (version probes, the redis-benchmark reference); the forks are told with -D.
    System.setProperty(Backend.PROPERTY, backend.id());
    Matrix matrix = matrix(p, mode, include, backend);
    List<Group> groups = groups(matrix.cells(), backend);
    int estimate = groups.stream().mapToInt(g -> g.cellCount() * (g.iterations().seconds() + CELL_OVERHEAD_S)).sum();
    System.out.printf("bench: mode %s, backend %s, %d counter cells + %d calibration cells in %d JMH runs, about %d s%n", mode,
        backend.id(), matrix.cells().size(), groups.stream().filter(g -> g.ping()).mapToInt(Group::cellCount).sum(), groups.size(), estimate);
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
    Path runDir = results.resolve("runs").resolve(STAMP.format(started));
    Files.createDirectories(runDir);
    Path parts = Files.createTempDirectory(runDir, ".parts-");
    ArrayNode merged = JSON.createArrayNode();
    List<String> failures = new ArrayList<>();
    HarnessOverhead.Result overhead = null;
    int n = 0;
    for (Group g : groups) {
      Path part = parts.resolve("part-" + (n++) + ".json");
      System.out.println("bench: [" + n + "/" + groups.size() + "] " + g);
      try {
        new Runner(g.options(part)).run();
        JsonNode node = JSON.readTree(part.toFile());
        node.forEach(merged::add);
      } catch (RunnerException | RuntimeException e) {
        failures.add(g + ": " + e.getMessage());
        System.err.println("bench: FAILED " + g + ": " + e.getMessage());
      }
      if (overhead == null && g.isOverheadReference()) {
        System.out.println("bench: harness overhead: redis-benchmark -c 1 EVALSHA on server " + g.server());
        overhead = HarnessOverhead.measure(g.server(), "rr:bench:lua:0", g.ttlMs(), 30_000, 3);
        System.out.println("bench: " + (overhead.measured()
            ? String.format("redis-benchmark %.0f requests/s (mean of %d)", overhead.meanRequestsPerSecond(), overhead.requestsPerSecond().size())
            : "overhead not measured: " + overhead.reason()));
      }
    }
    if (overhead == null) {
      overhead = HarnessOverhead.Result.notMeasured(
          "This run has no single-thread jedis lua throughput cell with one key (see -Dbench.include).");
    }
    Instant finished = Instant.now();

    writeJson(runDir.resolve("jmh.json"), merged);
    writeJson(runDir.resolve("overhead.json"), JSON.valueToTree(overhead));
    writeJson(runDir.resolve("run.json"), runInfo(matrix, backend, started, finished, failures));
    HarnessDirs.deleteTree(parts);
    Path latest = pointLatest(results, runDir);
    System.out.printf("bench: %d cells in %d s; wrote %s (%s)%n", merged.size(), Duration.between(started, finished).toSeconds(),
        runDir.resolve("jmh.json"), latest);
    if (!failures.isEmpty()) {
      System.err.println("bench: " + failures.size() + " JMH run(s) failed:");
      failures.forEach(f -> System.err.println("  " + f));
      return 1;
    }
    return 0;
  }

  /** {@link #matrix(BenchPlan, String, String, Backend)} on the embedded backend. */
  static Matrix matrix(BenchPlan plan, String mode, String include) {
    return matrix(plan, mode, include, Backend.EMBEDDED);
  }

  /** The cells of a mode that match the include regex and that their server can run on this backend. */
  static Matrix matrix(BenchPlan plan, String mode, String include, Backend backend) {
    Pattern filter;
    try {
      filter = Pattern.compile(include);
    } catch (PatternSyntaxException e) {
      throw new HarnessException("-Dbench.include '" + include + "' is not a regular expression (" + e.getDescription() + ").");
    }
    Map<String, RedisVersion> versions = new LinkedHashMap<>();
    List<BenchPlan.Cell> cells = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    for (BenchPlan.Cell c : plan.cells(mode)) {
      if (!filter.matcher(c.id()).find()) {
        continue;
      }
      if (isReference(c.server()) && backend != Backend.DOCKER) {
        skipped.add(new Skipped(c.id().strip(), "a reference for the docker backend; on " + backend.id()
            + " it would repeat the cells on " + ServerSpec.parse(c.server()).unpinned().id()));
        continue;
      }
      RedisVersion version = versions.computeIfAbsent(c.server(), BenchRunner::versionOf);
      Optional<String> why = CounterVariants.parse(c.variant()).unsupportedOn(version);
      if (why.isPresent()) {
        skipped.add(new Skipped(c.id().strip(), why.get()));
      } else {
        cells.add(c);
      }
    }
    return new Matrix(cells, skipped, versions);
  }

  /** JVM flags of every fork: the heap of the @Fork annotations, the backend, the docker network. */
  static String[] forkFlags(Backend backend) {
    List<String> flags = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-D" + Backend.PROPERTY + "=" + backend.id()));
    String network = System.getProperty(io.redisrace.docker.DockerNetworkMode.PROPERTY);
    if (network != null && !network.isBlank()) {
      flags.add("-D" + io.redisrace.docker.DockerNetworkMode.PROPERTY + "=" + network);
    }
    return flags.toArray(String[]::new);
  }

  /** An {@code embedded:<id>} server: the docker backend's reference cells. */
  static boolean isReference(String server) {
    return server.startsWith(ServerSpec.EMBEDDED_PREFIX);
  }

  private static RedisVersion versionOf(String server) {
    Optional<RedisVersion> promised = ServerKind.byId(ServerSpec.parse(server).unpinned().id()).flatMap(ServerKind::promisedVersion);
    if (promised.isPresent()) {
      return promised.get();
    }
    try (RedisServer redis = RedisServer.start(server)) {
      return redis.version();
    }
  }

  /** One JMH run: variants of one (kind, client, server, threads, ttl, keys), or the PING cell. */
  record Group(boolean ping, BenchPlan.Kind kind, String client, String server, int threads, long ttlMs, int keys,
               BenchPlan.Iterations iterations, List<String> variants, Backend backend) {

    int cellCount() {
      return ping ? 1 : variants.size();
    }

    /** The cell whose throughput the report divides by redis-benchmark's. */
    boolean isOverheadReference() {
      return !ping && !isReference(server) && kind == BenchPlan.Kind.THRPT && client.equals("jedis") && threads == 1 && keys == 1 && variants.contains("lua");
    }

    org.openjdk.jmh.runner.options.Options options(Path result) {
      ChainedOptionsBuilder b = new OptionsBuilder()
          .param("client", client)
          .param("server", server)
          .threads(threads)
          .forks(1)
          // Replaces the @Fork's jvmArgsAppend (JMH does not merge them), so the heap flags are repeated.
          .jvmArgsAppend(forkFlags(backend))
          .warmupIterations(iterations.warmups())
          .warmupTime(TimeValue.seconds(iterations.warmupSeconds()))
          .measurementIterations(iterations.measurements())
          .measurementTime(TimeValue.seconds(iterations.measurementSeconds()))
          .timeout(TimeValue.seconds(120))
          .shouldFailOnError(true)
          .resultFormat(ResultFormatType.JSON)
          .result(result.toString());
      if (ping) {
        b.include("^" + Pattern.quote(PingBenchmark.class.getName() + ".ping") + "$")
            .param("threads", Integer.toString(threads)); // distinct jmh.json names for 1 and 4 threads
      } else {
        b.include("^" + Pattern.quote(CounterBenchmark.class.getName() + "." + kind.method()) + "$")
            .param("variant", variants.toArray(String[]::new))
            .param("ttlMs", Long.toString(ttlMs))
            .param("keys", Integer.toString(keys));
      }
      return b.build();
    }

    @Override
    public String toString() {
      return ping
          ? "ping client=" + client + " server=" + server + " threads=" + threads + " " + iterations
          : kind.id() + " variants=" + String.join(",", variants) + " client=" + client + " server=" + server + " ttlMs=" + ttlMs
              + " keys=" + keys + " threads=" + threads + " " + iterations;
    }
  }


  /**
   * Groups cells into JMH runs, server by server in plan order; before a server's counter cells,
   * one PING cell per (client, threads) that they use, with the iterations of the shortest group.
   */
  static List<Group> groups(List<BenchPlan.Cell> cells) {
    return groups(cells, Backend.EMBEDDED);
  }

  static List<Group> groups(List<BenchPlan.Cell> cells, Backend backend) {
    Map<String, Map<List<Object>, List<BenchPlan.Cell>>> byServer = new LinkedHashMap<>();
    for (BenchPlan.Cell c : cells) {
      byServer.computeIfAbsent(c.server(), s -> new LinkedHashMap<>())
          .computeIfAbsent(List.of(c.kind(), c.client(), c.threads(), c.ttlMs(), c.keys(), c.iterations()), k -> new ArrayList<>())
          .add(c);
    }
    List<Group> groups = new ArrayList<>();
    for (var server : referencesAfterTheirTwins(byServer).entrySet()) {
      Map<List<Object>, BenchPlan.Iterations> pings = new LinkedHashMap<>();
      for (List<BenchPlan.Cell> same : server.getValue().values()) {
        BenchPlan.Cell c = same.get(0);
        pings.merge(List.of(c.client(), c.threads()), c.iterations(),
            (a, b) -> a.seconds() <= b.seconds() ? a : b);
      }
      pings.forEach((k, it) -> groups.add(new Group(true, BenchPlan.Kind.THRPT, (String) k.get(0), server.getKey(), (Integer) k.get(1),
          0, 0, it, List.of(), backend)));
      for (List<BenchPlan.Cell> same : server.getValue().values()) {
        BenchPlan.Cell c = same.get(0);
        Set<String> variants = same.stream().map(BenchPlan.Cell::variant).collect(Collectors.toCollection(LinkedHashSet::new));
        groups.add(new Group(false, c.kind(), c.client(), c.server(), c.threads(), c.ttlMs(), c.keys(), c.iterations(),
            List.copyOf(variants), backend));
      }
    }
    return groups;
  }

  /**
   * The servers in plan order, except that each {@code embedded:<id>} reference runs right after
   * {@code <id>}: the two halves of a docker / embedded ratio are measured as close in time as they
   * can be, under the same neighbours.
   */
  private static <V> Map<String, V> referencesAfterTheirTwins(Map<String, V> byServer) {
    Map<String, V> ordered = new LinkedHashMap<>();
    byServer.forEach((server, v) -> {
      if (!isReference(server)) {
        ordered.put(server, v);
        String twin = ServerSpec.EMBEDDED_PREFIX + server;
        if (byServer.containsKey(twin)) {
          ordered.put(twin, byServer.get(twin));
        }
      }
    });
    byServer.forEach(ordered::putIfAbsent);
    return ordered;
  }

  private ObjectNode runInfo(Matrix matrix, Backend backend, Instant started, Instant finished, List<String> failures) {
    ObjectNode run = JSON.createObjectNode();
    run.put("mode", mode);
    run.put("include", include);
    run.put("started", started.toString());
    run.put("finished", finished.toString());
    run.put("wallSeconds", Duration.between(started, finished).toSeconds());
    ObjectNode env = environment(matrix.versions());
    env.put("backend", backend.id());
    run.set("environment", env);
    ArrayNode skipped = run.putArray("skipped");
    matrix.skipped().forEach(s -> skipped.addObject().put("cell", s.cell()).put("reason", s.reason()));
    ArrayNode failed = run.putArray("failures");
    failures.forEach(failed::add);
    return run;
  }

  /** Machine, JVM and server versions, for the baseline's record and the report's header. */
  static ObjectNode environment(Map<String, RedisVersion> versions) {
    ObjectNode env = JSON.createObjectNode();
    env.put("host", hostName());
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    env.put("cpu", cpuModel());
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("memory", memTotal());
    env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
        + System.getProperty("java.vm.vendor") + ")");
    env.put("jmh", Runner.class.getPackage().getImplementationVersion() == null ? "1.37" : Runner.class.getPackage().getImplementationVersion());
    env.set("fingerprint", MachineFingerprint.current());
    ObjectNode servers = env.putObject("servers");
    versions.forEach((id, v) -> servers.put(id, v.toString()));
    return env;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    return MachineFingerprint.cpuModel();
  }

  private static String memTotal() {
    return MachineFingerprint.procField("/proc/meminfo", "MemTotal").orElse("unknown");
  }

  /** Writes pretty JSON to a temp file and renames it into place. */
  static void writeJson(Path target, JsonNode node) throws IOException {
    Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
    JSON.writeValue(tmp.toFile(), node);
    try {
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    HarnessDirs.moveAtomically(tmp, target);
  }

  /** Points results/latest at the run: a relative symbolic link, swapped in with one rename. */
  static Path pointLatest(Path results, Path runDir) throws IOException {
    Path latest = results.resolve("latest");
    Path tmp = results.resolve(".latest-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    try {
      Files.createSymbolicLink(tmp, results.toAbsolutePath().relativize(runDir.toAbsolutePath()));
      if (Files.isDirectory(latest) && !Files.isSymbolicLink(latest)) {
        HarnessDirs.deleteTree(latest);
      }
      Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (UnsupportedOperationException | IOException e) {
      // No symbolic links here: copy the files instead.
      Files.deleteIfExists(tmp);
      HarnessDirs.deleteTree(latest);
      Files.createDirectories(latest);
      try (var files = Files.list(runDir)) {
        for (Path f : files.toList()) {
          Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return latest;
  }
}
