package io.redisrace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.command.BackendOption;
import io.redisrace.command.DurationConverter;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.process.RunDir;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.ClusterTarget;
import io.redisrace.topology.Topology;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redis-race hunt}: runs one counter variant flat out against a real server and counts
 * TTL-less keys, in-band and by a keyspace audit, with a 95% confidence interval.
 *
 * <pre>
 * java -jar core/target/redis-race.jar hunt --server 2.8 --variant multi --client jedis \
 *     --ttl-ms 20 --duration 20s --threads 2 --keys 1
 * </pre>
 *
 * <p>With {@code --topology sentinel} it runs on a Sentinel topology's primary, and with
 * {@code --fault} strikes it mid-hunt and counts the acknowledged increments lost
 * ({@link SentinelHunt}, docs/sentinel.md "Counters under failover").
 */
@Command(name = "hunt", mixinStandardHelpOptions = true,
    description = "Runs a counter variant against a real Redis server and counts TTL-less keys.")
public final class HuntCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin BackendOption backendOption;

  @Option(names = "--server", defaultValue = "2.8", paramLabel = "ID",
      description = "2.8, 6.2, 7.0, system, redis://host:port for an external server, docker:<image> like docker:redis:7.4,"
          + " cluster:7.0 or cluster:<installed version> (Redis Cluster the harness starts) or redis-cluster://host:port,... (your own cluster) (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--variant", defaultValue = "multi",
      description = "Counter variant: naive, pipeline, multi, lua, watch-retry, multi-heal, lua-heal or a user variant (default: ${DEFAULT-VALUE}).")
  String variant;

  @Option(names = "--client", defaultValue = "jedis",
      description = "Client mode: jedis, jedis-retry, lettuce, lettuce-at-most-once (default: ${DEFAULT-VALUE}).")
  String client;

  @Option(names = "--ttl-ms", paramLabel = "MS",
      description = "TTL of each new key in milliseconds (default: 20; under --fault 600000, and at least 60000).")
  Long ttlMs;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Stop after this long: 500ms, 20s, 2m (default: 20s when --ops is not given).")
  Duration duration;

  @Option(names = "--ops", defaultValue = "0", description = "Stop after this many operations (0: no count bound).")
  long ops;

  @Option(names = "--threads", defaultValue = "2", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--keys", defaultValue = "1", description = "Keyspace size; 1 is one hot key (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--stop-after", defaultValue = "0", paramLabel = "N",
      description = "Stop early once N TTL-less keys were seen (0: never).")
  long stopAfter;

  @Option(names = "--via-toxiproxy",
      description = "Route every connection through a real Toxiproxy proxy (no toxics): measures the proxy's cost.")
  boolean viaToxiproxy;

  @Option(names = "--topology-refresh", defaultValue = "static", paramLabel = "MODE",
      description = "On a cluster, how a Lettuce client keeps its slot map: static or adaptive (default: ${DEFAULT-VALUE}).")
  String topologyRefresh;

  @Option(names = "--topology", defaultValue = "single", paramLabel = "TOPOLOGY",
      description = "single (one server) or sentinel (a primary, two replicas, three Sentinels; --server 6.2, 7.0 or an installed"
          + " version of 5.0 or later such as 7.2.4) (default: ${DEFAULT-VALUE}).")
  String topology;

  @Option(names = "--persistence", paramLabel = "MODE[,MODE...]",
      description = "With --topology sentinel: none, aof-everysec or aof-always, or several comma-separated, one topology each (default: none).")
  String persistence;

  @Option(names = "--fault", paramLabel = "ID[,ID...]",
      description = "With --topology sentinel: strike the topology mid-hunt with this topology fault (several: one hunt each) and count "
          + "acknowledged increments the counters lost; --variant may then list several variants or all.")
  String fault;

  @Option(names = "--strikes", defaultValue = "1", paramLabel = "N", description = "Strikes per hunt under --fault, 1 to 5 (default: ${DEFAULT-VALUE}).")
  int strikes;

  @Option(names = "--strike-every", defaultValue = "2000", paramLabel = "N",
      description = "Strike once N more operations were acknowledged, and go on for N more after the last heal (default: ${DEFAULT-VALUE}).")
  long strikeEvery;

  @Option(names = "--hold", converter = DurationConverter.class, paramLabel = "DURATION",
      description = "How long each strike holds its fault before it heals, up to 10s (default: none, the fault heals at once).")
  Duration hold;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Under --fault: add each cell to DIR/" + RunDir.COUNTER_FAILOVER + " (the report's counters-under-failover section).")
  Path runDir;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE (atomically).")
  Path json;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    ClientMode mode = ClientMode.parse(client);
    Optional<ClusterTarget> cluster = ClusterTarget.parse(server);
    ClusterClients.Refresh refresh = ClusterClients.Refresh.parse(topologyRefresh);
    ServerSpec serverSpec = cluster.isPresent() ? null : ServerSpec.parse(server);
    Backend backend = backendOption.backend();
    if (ops < 0) {
      throw new HarnessException("--ops must be positive, not " + ops + ".");
    }
    Duration bound = duration == null && ops == 0 ? Duration.ofSeconds(20) : duration;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Topology top = Topology.parse(topology);
    if (top == Topology.CLUSTER && cluster.isEmpty()) {
      throw new HarnessException("For a cluster give --server cluster:<id> (e.g. cluster:7.0) or redis-cluster://host:port,...");
    }
    if (top == Topology.SENTINEL) {
      if (cluster.isPresent()) {
        throw new HarnessException("--topology sentinel needs a server version such as --server 7.0, not a cluster.");
      }
      return new SentinelHunt(this, out, err).run(serverSpec, mode, bound);
    }
    if (fault != null || persistence != null || runDir != null) {
      throw new HarnessException("--fault, --persistence and --run-dir apply to --topology sentinel; one server has no topology to strike.");
    }
    CounterVariant counterVariant = CounterVariants.parse(variant);
    long ttl = ttlMs == null ? 20 : ttlMs;
    HuntSettings settings = HuntSettings.of(counterVariant, mode, ttl, threads, keys, bound, ops).stopAfterTtlLess(stopAfter);
    if (cluster.isPresent()) {
      if (viaToxiproxy) {
        throw new HarnessException("--via-toxiproxy applies to a single server; a cluster's clients already run through its proxies.");
      }
      return finish(ClusterHunt.run(cluster.get(), settings, refresh, out, progress(err)), out);
    }
    try (RedisServer redis = RedisServer.builder(serverSpec).withBackend(backend).start()) {
      counterVariant.unsupportedOn(redis.version()).ifPresent(reason -> {
        throw new HarnessException(reason);
      });
      out.printf("hunt: variant=%s client=%s server=%s (Redis %s, %s, at %s:%d) ttl=%dms threads=%d keys=%d bound=%s%n",
          counterVariant.id(), mode.id(), redis.id(), redis.version(), redis.backend(), redis.host(), redis.port(), ttl, threads, keys,
          describeBound(bound, ops));
      out.flush();
      HuntResult result;
      if (viaToxiproxy) {
        try (ToxiproxyServer toxiproxy = ToxiproxyServer.start(backend); RedisProxy proxy = toxiproxy.proxy("hunt", redis)) {
          out.println("via " + proxy + " (" + toxiproxy + ")");
          result = RaceHunt.run(proxy.endpoint(redis.endpoint()), settings, progress(err));
        }
      } else {
        result = RaceHunt.run(redis.endpoint(), settings, progress(err));
      }
      return finish(result, out);
    }
  }

  private int finish(HuntResult result, PrintWriter out) throws IOException {
    print(out, result);
    if (json != null) {
      writeJson(result, json);
      out.println("wrote " + json);
    }
    return result.errors() > 0 && result.ops() == 0 ? 1 : 0;
  }

  Consumer<RaceHunt.Progress> progress(PrintWriter err) {
    if (quiet) {
      return null;
    }
    return p -> {
      err.printf("[%3ds] %,d ops, %,d TTL-less%n", p.elapsed().toSeconds(), p.ops(), p.ttlLess());
      err.flush();
    };
  }

  static String describeBound(Duration d, long ops) {
    String t = d == null ? "" : d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    String o = ops > 0 ? String.format("%,d ops", ops) : "";
    return t.isEmpty() ? o : o.isEmpty() ? t : t + " or " + o;
  }

  static void print(PrintWriter out, HuntResult r) {
    out.printf("  ops                  %,d%n", r.ops());
    out.printf("  ops/s                %,.0f%n", r.opsPerSecond());
    out.printf("  elapsed              %.1f s%n", r.elapsed().toMillis() / 1000.0);
    out.printf("  key creations        %,d%n", r.creations());
    out.printf("  expired in flight    %,d%n", r.expiredInFlight());
    out.printf("  retries              %,d%n", r.retries());
    out.printf("  errors               %,d%s%n", r.errors(), r.errorSamples().isEmpty() ? "" : "  e.g. " + r.errorSamples().get(0));
    out.printf("  TTL-less (in-band)   %,d%s%n", r.ttlLessInBand(),
        r.firstTtlLessAtOp() > 0 ? String.format("  (first after %,d ops)", r.firstTtlLessAtOp()) : "");
    out.printf("  TTL-less (audit)     %,d%n", r.ttlLessAudited());
    out.printf("  TTL-less rate        %s%n", r.ttlLessRate());
    out.flush();
  }

  static void writeJson(Object value, Path target) throws IOException {
    ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
        .enable(SerializationFeature.INDENT_OUTPUT).disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    RunDir.writeJson(target, mapper, value);
  }
}
