package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.ToxiproxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis Cluster from a shipped or installed binary (5.0 or later): three primaries ({@code node-1..3}, slots 0-5460,
 * 5461-10922, 10923-16383) with one replica each ({@code node-4..6}), every node a {@link DataNode}
 * in cluster mode with three proxies: it announces its peer proxy ({@code cluster-announce-port},
 * what {@code CLUSTER SLOTS} and MOVED hand out, and what its replica replicates through) and its
 * bus proxy ({@code cluster-announce-bus-port}, what the other nodes' bus links dial); clients dial
 * its client proxy instead of the peer address ({@link #addresses()}). docs/cluster.md.
 *
 * <p>The harness forms the cluster itself with plain commands on each node's own port
 * ({@code CLUSTER SET-CONFIG-EPOCH}, {@code MEET}, {@code ADDSLOTS}, {@code REPLICATE}), not with
 * {@code redis-cli --cluster create}: no extra binary whose version differs from the server's, no
 * interactive confirmation, and no one-second polling between its steps. Healthy
 * ({@link ClusterHealth}) means {@code cluster_state:ok} on every node with all 16384 slots served
 * and every primary's replica online.
 *
 * <pre>{@code
 * try (ClusterTopology c = ClusterTopology.builder(ServerKind.REDIS_7_0).start();
 *     JedisCluster jedis = ClusterClients.jedis(c, ClientMode.JEDIS, Duration.ofSeconds(2))) {
 *   jedis.set("k", "v");
 * }
 * }</pre>
 */
public final class ClusterTopology implements AutoCloseable {
  public static final int SLOTS = 16384;
  public static final int PRIMARIES = 3;
  /**
   * The hash tag the harness's keys that must share a slot carry on a cluster (a loader's list and
   * its done bitmap); the cluster faults strike the primary of its slot and slot-migrate moves it.
   */
  public static final String HASH_TAG = "{redis-race}";

  private final ServerSpec spec;
  private final Duration nodeTimeout;
  private final ToxiproxyServer toxiproxy;
  private final boolean ownsToxiproxy;
  private final List<DataNode> nodes = new ArrayList<>();
  private final Map<DataNode, String> ids = new LinkedHashMap<>();
  private Duration startup = Duration.ZERO;
  private boolean closed;

  private ClusterTopology(ServerSpec spec, Duration nodeTimeout, ToxiproxyServer toxiproxy, boolean ownsToxiproxy) {
    this.spec = spec;
    this.nodeTimeout = nodeTimeout;
    this.toxiproxy = toxiproxy;
    this.ownsToxiproxy = ownsToxiproxy;
  }

  /** A topology of a shipped kind (6.2, 7.0); any other kind is refused with one sentence. */
  public static Builder builder(ServerKind kind) {
    Topology.CLUSTER.requireRunnableOn(kind);
    return new Builder(ServerSpec.of(kind));
  }

  /** A topology of any local version of 5.0 or later: shipped, or installed from the atlas ({@code 7.2.4}, {@code valkey-9.1.2}). */
  public static Builder builder(ServerSpec spec) {
    return new Builder(spec.unpinned());
  }

  /** Options of a cluster to start. */
  public static final class Builder extends TopologyBuilder<Builder, ClusterTopology> {
    private Duration nodeTimeout = Duration.ofMillis(1000);

    private Builder(ServerSpec spec) {
      super(spec, Topology.CLUSTER, "The cluster");
    }

    /** {@code cluster-node-timeout}: how long a node may not answer before it is flagged failing (PFAIL). */
    public Builder nodeTimeout(Duration d) {
      this.nodeTimeout = d;
      return this;
    }

    @Override
    ClusterTopology create(ToxiproxyServer proxies, boolean owns) {
      return new ClusterTopology(spec, nodeTimeout, proxies, owns);
    }

    @Override
    Optional<String> startProcesses(ClusterTopology c) {
      c.startNodes(persistence);
      ClusterFormation.form(c.nodes, c.ids);
      return c.awaitHealthy(healthTimeout);
    }

    @Override
    void started(ClusterTopology c, Duration took) {
      c.startup = took;
    }
  }

  private void startNodes(Persistence persistence) {
    Map<String, String> cluster = new LinkedHashMap<>();
    cluster.put("cluster-enabled", "yes");
    cluster.put("cluster-config-file", "nodes.conf");
    cluster.put("cluster-node-timeout", Long.toString(nodeTimeout.toMillis()));
    cluster.put("cluster-replica-validity-factor", "0"); // a replica may always take over, however old its data
    cluster.put("repl-diskless-sync-delay", "0"); // 7.0's default waits 5 s before the first sync
    for (int i = 1; i <= 2 * PRIMARIES; i++) {
      nodes.add(DataNode.startClusterNode("node-" + i, spec, persistence, toxiproxy, cluster));
    }
  }

  /** {@code CLUSTER NODES} as {@code node} sees it, asked on its own port. */
  public ClusterView view(DataNode node) {
    try (Jedis j = node.jedis()) {
      return ClusterView.parse(node.name(), j.clusterNodes());
    }
  }

  /**
   * The view of the first running node that answers, other than {@code except} (a node cut off or
   * struck sees an old cluster), in the order node-1..6.
   */
  public ClusterView view(DataNode... except) {
    JedisException last = null;
    for (DataNode n : nodes) {
      if (!n.isRunning() || List.of(except).contains(n)) {
        continue;
      }
      try {
        return view(n);
      } catch (JedisException e) {
        last = e;
      }
    }
    throw new HarnessException("No node of the cluster answers CLUSTER NODES" + (last == null ? "" : " (" + last.getMessage() + ")") + ".");
  }

  /** The primaries as the first answering node other than {@code except} sees them, in slot order. */
  public List<DataNode> primaries(DataNode... except) {
    ClusterView v = view(except);
    return v.primaries().stream().filter(e -> e.slotCount() > 0)
        .sorted((a, b) -> Integer.compare(a.slots().get(0)[0], b.slots().get(0)[0]))
        .map(e -> node(e.id())).toList();
  }

  /** The primary serving {@code slot}, as the first answering node other than {@code except} sees it. */
  public DataNode primaryOf(int slot, DataNode... except) {
    return view(except).ownerOf(slot).map(e -> node(e.id()))
        .orElseThrow(() -> new HarnessException("No primary serves slot " + slot + "."));
  }

  /** The replica of {@code primary} (the first one its view lists), seen by a node other than it. */
  public Optional<DataNode> replicaOf(DataNode primary) {
    String id = id(primary);
    return view(primary).entries().stream().filter(e -> e.isReplica() && id.equals(e.primaryId())).findFirst().map(e -> node(e.id()));
  }

  /** The node with cluster id {@code id}. */
  public DataNode node(String id) {
    return ids.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey).findFirst()
        .orElseThrow(() -> new HarnessException("Node id " + id + " is no node of the cluster."));
  }

  /** The cluster id of {@code node} (kept across restarts in its nodes.conf). */
  public String id(DataNode node) {
    return ids.get(node);
  }

  public List<DataNode> nodes() {
    return List.copyOf(nodes);
  }

  /** The shipped kind, or {@link ServerKind#INSTALLED} for a version of the atlas ({@link #spec()} names it). */
  public ServerKind kind() {
    return spec.kind();
  }

  /** The server every node runs; its {@code promisedVersion()} is what each reports (Valkey: the Redis line it forked from). */
  public ServerSpec spec() {
    return spec;
  }


  public Duration nodeTimeout() {
    return nodeTimeout;
  }

  /** How long {@link Builder#start()} took, from the first process to health. */
  public Duration startup() {
    return startup;
  }

  public ToxiproxyServer toxiproxy() {
    return toxiproxy;
  }

  /** Empty when healthy, else the first problem found ({@link ClusterHealth}). */
  public Optional<String> problem() {
    return ClusterHealth.problem(this);
  }

  public Optional<String> awaitHealthy(Duration timeout) {
    return Topologies.awaitHealthy(this::problem, timeout);
  }

  /** Where clients start (every node's client proxy), and the peer proxy to client proxy map they dial through. */
  public ClusterAddresses addresses() {
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    Map<HostAndPort, HostAndPort> map = new LinkedHashMap<>();
    nodes.forEach(n -> {
      seeds.add(n.clientAddress());
      map.put(n.peerAddress(), n.clientAddress());
    });
    return new ClusterAddresses(seeds, map);
  }

  /** Stops every node, then the Toxiproxy it started; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Topologies.closeAll(nodes);
    } finally {
      if (ownsToxiproxy) {
        toxiproxy.close();
      }
    }
  }

  @Override
  public String toString() {
    return "Redis Cluster (" + Topology.describe(spec) + ": " + nodes + ")";
  }
}
