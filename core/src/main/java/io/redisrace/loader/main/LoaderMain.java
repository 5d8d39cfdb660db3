package io.redisrace.loader.main;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.command.DurationConverter;
import io.redisrace.command.HarnessCommandLine;
import io.redisrace.loader.ControlChannel;
import io.redisrace.loader.StepHold;
import io.redisrace.loader.Loader;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderSettings;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.SourceTable;
import io.redisrace.loader.Step;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.SentinelEndpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The loader as an OS process of its own (what the chaos harness starts, kills and restarts).
 *
 * <pre>
 * java -cp core/target/redis-race.jar io.redisrace.loader.main.LoaderMain \
 *     --redis 127.0.0.1:6379 --variant fenced --client lettuce \
 *     --jdbc jdbc:sqlite:/tmp/rows.db --table rows --chunk-size 100 --key load
 * </pre>
 *
 * Exit codes: 0 done; 2 bad input or an unreachable source or Redis before anything was sent (one
 * sentence on stderr); 3 a Redis step failed, outcome unknown ("run it again"); 4 the harness closed
 * the control channel; 5 {@code --max-runtime} reached.
 */
@Command(name = "redis-race-loader", mixinStandardHelpOptions = true,
    description = "Copies a JDBC table (id, payload) into a Redis list, chunk by chunk.")
public final class LoaderMain implements Callable<Integer> {
  public static final int EXIT_FAILED = 3;
  public static final int EXIT_MAX_RUNTIME = 5;

  @Option(names = "--redis", defaultValue = "127.0.0.1:6379", paramLabel = "HOST:PORT", description = "Redis (or proxy) address (default: ${DEFAULT-VALUE}).")
  String redis;

  @Option(names = "--variant", required = true, description = "Loader variant: plain, bitmap, client-name-lock, fenced, lease-lock, "
      + "or a variant of your own listed in META-INF/services/io.redisrace.loader.LoaderVariant.")
  String variant;

  @Option(names = "--variant-option", paramLabel = "KEY=VALUE", description = "An option of the variant, e.g. lease-ms=2000 (lease-lock).")
  java.util.Map<String, String> variantOptions = new java.util.LinkedHashMap<>();

  @Option(names = "--client", defaultValue = "lettuce", description = "jedis, jedis-retry, lettuce, lettuce-at-most-once (default: ${DEFAULT-VALUE}).")
  String client;

  @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "Source JDBC URL, e.g. jdbc:sqlite:/tmp/rows.db or jdbc:postgresql://127.0.0.1/db?user=u.")
  String jdbc;

  @Option(names = "--table", defaultValue = "rows", description = "Source table with columns (id, payload) (default: ${DEFAULT-VALUE}).")
  String table;

  @Option(names = "--chunk-size", defaultValue = "100", description = "Rows per chunk (default: ${DEFAULT-VALUE}).")
  int chunkSize;

  @Option(names = "--key", defaultValue = "load", paramLabel = "PREFIX", description = "Key prefix: PREFIX:list, PREFIX:done (default: ${DEFAULT-VALUE}).")
  String key;

  @Option(names = "--start-chunk", defaultValue = "0", description = "First chunk; the loader goes on in order and wraps around (default: ${DEFAULT-VALUE}).")
  int startChunk;

  @Option(names = "--timeout-ms", defaultValue = "2000", description = "Redis command timeout (default: ${DEFAULT-VALUE}).")
  long timeoutMs;

  @Option(names = "--read-delay-ms", defaultValue = "0", description = "Extra time spent reading each chunk: a slow source (default: ${DEFAULT-VALUE}).")
  long readDelayMs;

  @Option(names = "--control", paramLabel = "HOST:PORT", description = "Harness control channel: report each step and wait for 'go'.")
  String control;

  @Option(names = "--name", defaultValue = "loader", description = "Name of this loader in events (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--max-runtime", defaultValue = "5m", converter = DurationConverter.class,
      description = "Halt (exit 5) after this long whatever happens (default: ${DEFAULT-VALUE}).")
  Duration maxRuntime;

  @Option(names = "--sentinels", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Sentinel mode: ask these Sentinels for the primary of --master-name (on every connect) instead of dialling --redis.")
  String sentinels;

  @Option(names = "--master-name", defaultValue = "redis-race", description = "The master name the Sentinels monitor (default: ${DEFAULT-VALUE}).")
  String masterName;

  @Option(names = "--node-map", paramLabel = "PEER=CLIENT[,...]",
      description = "Sentinel or cluster mode: dial CLIENT HOST:PORT instead of each PEER HOST:PORT a Sentinel or the cluster hands out (proxies).")
  String nodeMap;

  @Option(names = "--cluster", paramLabel = "HOST:PORT[,HOST:PORT...]",
      description = "Cluster mode: these seed nodes give the slot map (JedisCluster or Lettuce's RedisClusterClient); the variant runs on "
          + "the connection to the primary serving the slot of --key's hash tag (give --key one, e.g. {redis-race}:load).")
  String cluster;

  @Option(names = "--topology-refresh", defaultValue = "static",
      description = "Cluster mode, Lettuce modes: how the client keeps its slot map: static (renewed after a redirect) or adaptive "
          + "(also on Lettuce's adaptive triggers) (default: ${DEFAULT-VALUE}).")
  String topologyRefresh;

  @Option(names = "--verify", description = "After the load, read PREFIX:list back and print how many of the source's ids it holds, and how often.")
  boolean verify;

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code = HarnessCommandLine.execute(new LoaderMain(), args, out, err);
    out.flush();
    err.flush();
    Runtime.getRuntime().halt(code); // no shutdown hooks: Lettuce's would wait for its event loops
  }

  @Override
  public Integer call() throws IOException {
    startWatchdog(maxRuntime);
    LoaderVariant v = LoaderVariants.parse(variant);
    ClientMode mode = ClientMode.parse(client);
    String[] hp = hostPort(redis, "--redis");
    SentinelEndpoint sentinel = sentinels == null ? null : SentinelEndpoint.parse(masterName, sentinels, nodeMap);
    if (sentinel != null) { // messages name the first Sentinel
      hp = new String[] {sentinel.sentinels().get(0).getHost(), Integer.toString(sentinel.sentinels().get(0).getPort())};
    }
    ClusterAddresses clusterAddresses = cluster == null ? null : ClusterAddresses.parse(cluster, nodeMap);
    if (clusterAddresses != null) { // messages name the first seed
      hp = hostPort(clusterAddresses.seedsText().split(",")[0], "--cluster");
    }
    LoaderSettings settings = new LoaderSettings(hp[0], Integer.parseInt(hp[1]), mode, v, jdbc, table, chunkSize,
        new LoaderKeys(key), startChunk, Duration.ofMillis(timeoutMs), readDelayMs, variantOptions, sentinel, clusterAddresses,
        ClusterClients.Refresh.parse(topologyRefresh));
    try (SourceTable source = SourceTable.open(jdbc, table);
         StepHold hold = control == null ? StepHold.NONE : connect(control)) {
      hold.at(Step.HELLO, -1, java.util.Map.of("variant", v.id(), "client", mode.id(), "chunks", source.chunks(chunkSize)));
      try {
        Loader.Result r = new Loader(settings, source, hold).run();
        System.out.printf("loader %s: %d chunks committed, %d skipped, %d left locked elsewhere, %d rows%n",
            name, r.committed(), r.skipped(), r.leftLocked(), r.rows());
        if (verify) {
          redis.clients.jedis.HostAndPort at = clusterAddresses != null ? ownerOf(clusterAddresses, new LoaderKeys(key))
              : sentinel == null ? new redis.clients.jedis.HostAndPort(hp[0], Integer.parseInt(hp[1]))
              : sentinel.primary((int) timeoutMs).orElseThrow(() -> new HarnessException("No Sentinel named a primary to verify."));
          System.out.println(verifyLine(at.getHost(), at.getPort(), new LoaderKeys(key), source.rows()));
        }
        return 0;
      } catch (Loader.Unreachable e) {
        throw e; // nothing was sent: one sentence, exit 2
      } catch (Loader.CommitFailed e) {
        System.err.println("loader " + name + ": " + e.getMessage() + "; outcome unknown, run it again.");
        return EXIT_FAILED;
      } catch (RuntimeException e) {
        System.err.println("loader " + name + ": " + e + "; run it again.");
        return EXIT_FAILED;
      }
    }
  }

  /** Where the primary serving the slot of {@code keys} is dialled. */
  private redis.clients.jedis.HostAndPort ownerOf(ClusterAddresses a, LoaderKeys keys) {
    try (var c = io.redisrace.topology.ClusterClients.jedis(a, ClientMode.JEDIS, Duration.ofMillis(timeoutMs))) {
      return a.dial(c.provider().getNode(JedisClusterCRC16.getSlot(keys.list())));
    }
  }

  /** "verify: load:list holds 1000 elements: each of ids 1..1000 once." or what is missing and doubled. */
  static String verifyLine(String host, int port, LoaderKeys keys, long sourceRows) {
    try (redis.clients.jedis.Jedis jedis = ClientMode.jedis(host, port)) {
      java.util.List<String> elements = jedis.lrange(keys.list(), 0, -1);
      java.util.Map<Long, Integer> seen = new java.util.HashMap<>();
      elements.forEach(e -> seen.merge(SourceTable.idOf(e), 1, Integer::sum));
      long missing = java.util.stream.LongStream.rangeClosed(1, sourceRows).filter(id -> !seen.containsKey(id)).count();
      long doubled = seen.values().stream().filter(n -> n > 1).count();
      String head = "verify: " + keys.list() + " holds " + elements.size() + " elements: ";
      return missing == 0 && doubled == 0 && elements.size() == sourceRows
          ? head + "each of ids 1.." + sourceRows + " once."
          : head + missing + " of ids 1.." + sourceRows + " missing, " + doubled + " more than once.";
    }
  }

  private StepHold connect(String address) throws IOException {
    String[] hp = hostPort(address, "--control");
    return new ControlChannel(hp[0], Integer.parseInt(hp[1]), name);
  }

  static String[] hostPort(String value, String option) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || !value.substring(colon + 1).matches("\\d{1,5}")) {
      throw new HarnessException(option + " must be HOST:PORT like 127.0.0.1:6379, not '" + value + "'.");
    }
    return new String[] {value.substring(0, colon), value.substring(colon + 1)};
  }

  private static void startWatchdog(Duration max) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(max.toMillis());
        System.err.println("loader: --max-runtime " + max + " reached; halting.");
        Runtime.getRuntime().halt(EXIT_MAX_RUNTIME);
      } catch (InterruptedException ignored) {
        // process ends first
      }
    }, "loader-watchdog");
    t.setDaemon(true);
    t.start();
  }
}
