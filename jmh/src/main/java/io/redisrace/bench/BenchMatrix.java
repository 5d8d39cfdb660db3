package io.redisrace.bench;

import io.redisrace.HarnessException;
import io.redisrace.counter.CounterVariants;
import io.redisrace.docker.DockerNetworkMode;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The plan of one benchmark run, expanded: the cells of a mode that the include regex selects and
 * their servers can run on the backend (the others skipped, with the reason), grouped into JMH
 * runs with a PING calibration cell before each server's counter cells.
 */
final class BenchMatrix {
  private BenchMatrix() {}

  /** A cell that will not run, and why. */
  record Skipped(String cell, String reason) {}

  /** What the runner decided to run. */
  record Matrix(List<BenchPlan.Cell> cells, List<Skipped> skipped, Map<String, RedisVersion> versions) {}

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
      RedisVersion version = versions.computeIfAbsent(c.server(), BenchMatrix::versionOf);
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
    String network = System.getProperty(DockerNetworkMode.PROPERTY);
    if (network != null && !network.isBlank()) {
      flags.add("-D" + DockerNetworkMode.PROPERTY + "=" + network);
    }
    return flags.toArray(String[]::new);
  }

  /** An {@code embedded:<id>} server: the docker backend's reference cells. */
  static boolean isReference(String server) {
    return server.startsWith(ServerSpec.EMBEDDED_PREFIX);
  }

  private static RedisVersion versionOf(String server) {
    if (server.startsWith(ClusterAddresses.SCHEME)) {
      try (BenchServer cluster = BenchServer.start(server)) { // a user's cluster: asked, never started
        return cluster.version();
      }
    }
    String bare = server.startsWith(ClusterTarget.PREFIX) ? server.substring(ClusterTarget.PREFIX.length()) : BenchServer.bare(server);
    Optional<RedisVersion> promised = ServerKind.byId(ServerSpec.parse(bare).unpinned().id()).flatMap(ServerKind::promisedVersion);
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
      return !ping && !isReference(server) && !BenchServer.isSentinel(server) && !BenchCluster.isCluster(server) && kind == BenchPlan.Kind.THRPT && client.equals("jedis") && threads == 1 && keys == 1 && variants.contains("lua");
    }

    Options options(Path result) {
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
   * The servers in plan order, except that each {@code embedded:<id>} reference and each
   * {@code cluster:<id>} runs right after {@code <id>}: the two halves of a docker / embedded or a
   * cluster / single-node ratio are measured as close in time as they can be, under the same
   * neighbours.
   */
  private static <V> Map<String, V> referencesAfterTheirTwins(Map<String, V> byServer) {
    Map<String, V> ordered = new LinkedHashMap<>();
    byServer.forEach((server, v) -> {
      if (!isReference(server) && !(server.startsWith(ClusterTarget.PREFIX) && byServer.containsKey(server.substring(ClusterTarget.PREFIX.length())))) {
        ordered.put(server, v);
        for (String twin : List.of(ServerSpec.EMBEDDED_PREFIX + server, ClusterTarget.PREFIX + server)) {
          if (byServer.containsKey(twin)) {
            ordered.put(twin, byServer.get(twin));
          }
        }
      }
    });
    byServer.forEach(ordered::putIfAbsent);
    return ordered;
  }
}
