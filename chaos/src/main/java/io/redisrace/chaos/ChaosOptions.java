package io.redisrace.chaos;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.TopologySettings;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.client.ClientMode;
import io.redisrace.command.BackendOption;
import io.redisrace.loader.SourceTable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code trial}. */
final class ChaosOptions {
  @Option(names = "--mode", defaultValue = "quick", description = "quick or full: presets of the settings below (default: ${DEFAULT-VALUE}).")
  String mode;
  @Option(names = "--seed", description = "Seed of the schedule (default: the mode's preset, 20260523 in quick and full).")
  Long seed;
  @Option(names = "--rows", description = "Rows of the generated source table (quick 60, full 100; with --loaders: 2000).")
  Integer rows;
  @Option(names = "--chunk-size", description = "Rows per chunk (default 20; with --loaders: 10).")
  Integer chunkSize;
  @Option(names = "--loaders", paramLabel = "N",
      description = "Loader processes per trial, 1 to 8: A (the one a fault strikes) and N-1 competitors "
          + "(default: 1 for plain, 2 for the others).")
  Integer loaders;
  @Option(names = "--skew-ms", paramLabel = "MS", description = "Start skew: each competitor starts a seeded 0..MS ms after A (default 0).")
  Integer skewMs;
  @Option(names = "--server", description = "Redis server id: 2.8, 6.2, 7.0, system, docker:<image>, an installed version, "
      + "or cluster:<id> / sentinel:<id> (the same as --topology cluster / sentinel --server <id>) (default 7.0).")
  String server;
  @Option(names = "--timeout-ms", description = "Redis command timeout of the loaders (default 1500).")
  Long timeoutMs;
  @Option(names = "--source", paramLabel = "SOURCE",
      description = "Where the rows come from: sqlite (generated files, default), mariadb or postgres (a server the run starts "
          + "and stops, the tables generated in it), or a JDBC URL of a table (id, payload) with ids 1..N.")
  String source;
  @Option(names = "--jdbc", paramLabel = "URL", description = "Deprecated: the same as --source URL.")
  String jdbc;
  @Option(names = "--table", defaultValue = "rows", description = "Source table (default: ${DEFAULT-VALUE}).")
  String table;
  @Option(names = "--topology",
      description = "single (one redis-server), sentinel (a primary, two replicas, three Sentinels; docs/sentinel.md) or cluster "
          + "(three primaries with a replica each; docs/cluster.md) (default: single, or the topology --server names).")
  String topology;
  @Option(names = "--persistence", defaultValue = "none", description = "none, aof-everysec or aof-always, of every data node (default: ${DEFAULT-VALUE}).")
  String persistence;
  @Option(names = "--min-replicas-to-write", paramLabel = "N", defaultValue = "0",
      description = "Sentinel topology: a primary with fewer than N connected replicas refuses writes (default: ${DEFAULT-VALUE}, off).")
  int minReplicasToWrite;
  @Option(names = "--topology-refresh", defaultValue = "static",
      description = "Cluster topology: how the Lettuce loaders' cluster clients keep their slot map: static (renewed after a redirect) "
          + "or adaptive (also on Lettuce's adaptive triggers, persistent reconnects among them) (default: ${DEFAULT-VALUE}).")
  String topologyRefresh;
  @Option(names = "--copies", paramLabel = "N", defaultValue = "1",
      description = "Independent copies of the deployment (1 to 4): trials that need one to themselves (every topology fault) "
          + "run side by side, one per copy; --parallel is raised to N if lower (default: ${DEFAULT-VALUE}).")
  int copies;
  @Mixin BackendOption backendOption;
  @Mixin LoaderCmdOptions programs;

  ChaosSettings settings(String variants, String faults, String clients, Integer trials, Integer parallel, Path out, Duration limit,
      ChaosSettings.Concurrency concurrency) {
    ChaosSettings p = ChaosSettings.preset(mode);
    TopologySettings topo = topology();
    // A Sentinel or cluster run is about its topology faults: no fault-free concurrency cells unless asked for.
    ChaosSettings.Concurrency conc = concurrency != null ? concurrency : topo.replicated() ? ChaosSettings.Concurrency.OFF : p.concurrency();
    // A run with loaders chosen by hand is about concurrency: it gets the concurrency table unless told otherwise.
    int r = rows != null ? rows : loaders != null ? conc.rows() : p.rows();
    String srv = ServerFlag.of(server, topology).server();
    int c = chunkSize != null ? chunkSize : loaders != null ? conc.chunkSizes().get(0) : p.chunkSize();
    String src = SourceFlag.of(source, jdbc);
    if (src.startsWith("jdbc:")) {
      try (SourceTable t = SourceTable.open(src, table)) {
        r = (int) t.rows();
      }
      conc = new ChaosSettings.Concurrency(conc.loaders(), conc.chunkSizes(), r, conc.trials());
    }
    List<Fault> all = topo.replicated() ? topologyDefaults(topo.topology()) : Faults.all();
    return new ChaosSettings(p.mode(), seed != null ? seed : p.seed(),
        programs.variants(variants),
        list(faults, Faults::parse, all),
        list(clients, ClientMode::parse, List.of(ClientMode.values())),
        trials != null ? trials : p.trialsPerCell(), r, c, loaders, skewMs != null ? skewMs : p.skewMs(), conc,
        timeoutMs != null ? Duration.ofMillis(positive(timeoutMs, "--timeout-ms")) : p.clientTimeout(),
        Math.max(parallel != null ? parallel : p.parallel(), topo.copies()), srv != null ? srv : p.server(), out != null ? out : p.outDir(),
        limit != null ? limit : p.timeLimit(), src, table, backendOption.backend(), topo);
  }

  TopologySettings topology() {
    return new TopologySettings(Topology.parse(ServerFlag.of(server, topology).topology()), Persistence.parse(persistence), minReplicasToWrite, copies,
        ClusterClients.Refresh.parse(topologyRefresh));
  }

  /** The faults of a Sentinel or cluster run by default: none and every fault of that topology. */
  static List<Fault> topologyDefaults(Topology topology) {
    List<Fault> f = new java.util.ArrayList<>(List.of(Faults.none()));
    f.addAll(Faults.topologyFaults(topology));
    return f;
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
