package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.process.Ports;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Replicated Redis under Sentinel, from a shipped or installed binary (5.0 or later): one primary and two replicas
 * ({@link DataNode}), three Sentinels ({@link SentinelNode}, quorum 2), every link through a
 * Toxiproxy proxy of its own kind (docs/sentinel.md: which link each proxy carries, and what
 * cutting it means). Started, checked healthy ({@link TopologyHealth}) and stopped by the harness;
 * every process is a {@code ChildProcess}, so none outlives the JVM.
 *
 * <pre>{@code
 * try (SentinelTopology t = SentinelTopology.builder(ServerKind.REDIS_7_0).start()) {
 *   try (JedisSentineled jedis = SentinelClients.jedis(t)) { jedis.set("k", "v"); }
 * }
 * }</pre>
 */
public final class SentinelTopology implements AutoCloseable {
  /** The prefix of each topology's master name ({@link SentinelNode#uniqueMasterName}). */
  public static final String MASTER_NAME = "redis-race";

  private final ServerSpec spec;
  private final SentinelNode.Settings settings;
  private final ToxiproxyServer toxiproxy;
  private final boolean ownsToxiproxy;
  private final List<DataNode> nodes = new ArrayList<>();
  private final List<SentinelNode> sentinels = new ArrayList<>();
  private Duration startup = Duration.ZERO;
  private boolean closed;

  private SentinelTopology(ServerSpec spec, SentinelNode.Settings settings, ToxiproxyServer toxiproxy, boolean ownsToxiproxy) {
    this.spec = spec;
    this.settings = settings;
    this.toxiproxy = toxiproxy;
    this.ownsToxiproxy = ownsToxiproxy;
  }

  /** A topology of a shipped kind (6.2, 7.0); any other kind is refused with one sentence. */
  public static Builder builder(ServerKind kind) {
    Topology.SENTINEL.requireRunnableOn(kind);
    return new Builder(ServerSpec.of(kind));
  }

  /** A topology of any local version of 5.0 or later: shipped, or installed from the atlas ({@code 7.2.4}, {@code valkey-9.1.2}). */
  public static Builder builder(ServerSpec spec) {
    return new Builder(spec.unpinned());
  }

  /** Options of a topology to start. */
  public static final class Builder extends TopologyBuilder<Builder, SentinelTopology> {
    private Duration downAfter = Duration.ofMillis(1000);
    private Duration failoverTimeout = Duration.ofSeconds(5);
    private final Map<String, String> config = new LinkedHashMap<>();

    private Builder(ServerSpec spec) {
      super(spec, Topology.SENTINEL, "The Sentinel topology");
    }

    /** Sentinel's {@code down-after-milliseconds}: how long a node may not answer before it is subjectively down. */
    public Builder downAfter(Duration d) {
      this.downAfter = d;
      return this;
    }

    /** Sentinel's {@code failover-timeout}. */
    public Builder failoverTimeout(Duration d) {
      this.failoverTimeout = d;
      return this;
    }

    /**
     * A redis.conf directive of every data node, kept across restarts ({@code min-replicas-to-write 1}:
     * a primary with fewer connected replicas refuses writes).
     */
    public Builder config(String directive, String value) {
      this.config.put(directive, value);
      return this;
    }

    @Override
    SentinelTopology create(ToxiproxyServer proxies, boolean owns) {
      SentinelNode.Settings s = new SentinelNode.Settings(SentinelNode.uniqueMasterName(MASTER_NAME), 2, downAfter, failoverTimeout,
          Duration.ofSeconds(15));
      return new SentinelTopology(spec, s, proxies, owns);
    }

    @Override
    Optional<String> startProcesses(SentinelTopology t) {
      t.startProcesses(persistence, config);
      return t.awaitHealthy(healthTimeout);
    }

    @Override
    void started(SentinelTopology t, Duration took) {
      t.startup = took;
    }
  }

  private void startProcesses(Persistence persistence, Map<String, String> config) {
    for (int i = 1; i <= 3; i++) {
      nodes.add(DataNode.start("node-" + i, spec, persistence, config, toxiproxy));
    }
    DataNode primary = nodes.get(0);
    nodes.subList(1, 3).forEach(n -> n.replicate(primary));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    // Sentinels learn the replicas from the primary's first INFO: let both connect first.
    while (!Replication.fields(info(primary)).getOrDefault("connected_slaves", "0").equals("2")) {
      if (System.nanoTime() > deadline) {
        throw new HarnessException("The replicas of the Sentinel topology did not connect to the primary within 10 s.");
      }
      pause(20);
    }
    for (int i = 1; i <= 3; i++) {
      sentinels.add(SentinelNode.start("sentinel-" + i, spec, primary.peerAddress(), settings, toxiproxy));
    }
  }

  private static String info(DataNode node) {
    try (Jedis j = node.jedis()) {
      return j.info("replication");
    }
  }

  /** Empty when healthy, else the first problem found ({@link TopologyHealth}). */
  public Optional<String> problem() {
    return TopologyHealth.problem(this);
  }

  /** Polls {@link #problem()} until it is empty or {@code timeout} passes; returns the last problem (empty: healthy). */
  public Optional<String> awaitHealthy(Duration timeout) {
    return Topologies.awaitHealthy(this::problem, timeout);
  }

  /** The node the first answering Sentinel names as primary; else the node whose INFO says master; else node-1. */
  public DataNode primary() {
    for (SentinelNode s : sentinels) {
      try (Jedis j = s.jedis()) {
        List<String> addr = j.sentinelGetMasterAddrByName(masterName());
        HostAndPort named = new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1)));
        Optional<DataNode> node = nodes.stream().filter(n -> n.peerAddress().equals(named)).findFirst();
        if (node.isPresent()) {
          return node.get();
        }
      } catch (JedisException | IndexOutOfBoundsException unreachable) {
        // ask the next one
      }
    }
    return nodes.stream().filter(SentinelTopology::saysMaster).findFirst().orElse(nodes.get(0));
  }

  private static boolean saysMaster(DataNode n) {
    try {
      return n.isRunning() && info(n).contains("role:master");
    } catch (JedisException stopped) {
      return false;
    }
  }

  /** The data nodes other than {@link #primary()}. */
  public List<DataNode> replicas() {
    DataNode p = primary();
    return nodes.stream().filter(n -> n != p).toList();
  }

  public List<DataNode> nodes() {
    return List.copyOf(nodes);
  }

  public List<SentinelNode> sentinels() {
    return List.copyOf(sentinels);
  }

  /** The shipped kind, or {@link ServerKind#INSTALLED} for a version of the atlas ({@link #spec()} names it). */
  public ServerKind kind() {
    return spec.kind();
  }

  /** The server every node runs; its {@code promisedVersion()} is what each reports (Valkey: the Redis line it forked from). */
  public ServerSpec spec() {
    return spec;
  }


  public String masterName() {
    return settings.masterName();
  }

  public Duration downAfter() {
    return settings.downAfter();
  }

  /** How long {@link Builder#start()} took, from the first process to health. */
  public Duration startup() {
    return startup;
  }

  public ToxiproxyServer toxiproxy() {
    return toxiproxy;
  }

  /** Where clients reach the Sentinels: their client proxies. */
  public Set<HostAndPort> sentinelAddresses() {
    Set<HostAndPort> all = new LinkedHashSet<>();
    sentinels.forEach(s -> all.add(s.clientAddress()));
    return all;
  }

  /** What a client dials instead of each address Sentinel hands out: peer proxy to client proxy. */
  public Map<HostAndPort, HostAndPort> clientAddressMap() {
    Map<HostAndPort, HostAndPort> map = new LinkedHashMap<>();
    nodes.forEach(n -> map.put(n.peerAddress(), n.clientAddress()));
    return map;
  }

  /** Stops every Sentinel, then every node, then the Toxiproxy it started; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<AutoCloseable> all = new ArrayList<>(sentinels);
    all.addAll(nodes);
    try {
      Topologies.closeAll(all);
    } finally {
      if (ownsToxiproxy) {
        toxiproxy.close();
      }
    }
  }

  /** A connection from the harness straight to a process of the topology (no proxy), with short timeouts. */
  static Jedis direct(int port) {
    return new Jedis(new HostAndPort(Ports.LOOPBACK, port),
        DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(2000).build());
  }

  /** Where a proxy listens. */
  static HostAndPort address(RedisProxy proxy) {
    return new HostAndPort(proxy.host(), proxy.port());
  }

  static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while waiting for the Sentinel topology.");
    }
  }

  @Override
  public String toString() {
    return "Sentinel topology (" + Topology.describe(spec) + ": " + nodes + ", " + sentinels + ")";
  }
}
