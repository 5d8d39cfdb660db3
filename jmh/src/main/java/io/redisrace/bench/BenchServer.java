package io.redisrace.bench;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterConnections;
import io.redisrace.counter.CounterDriver;
import io.redisrace.counter.CounterTarget;
import io.redisrace.counter.CounterVariant;
import io.redisrace.server.RedisServer;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.SentinelClients;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.Topology;
import redis.clients.jedis.Jedis;

/**
 * The server of one bench trial, from the plan's server id: one redis-server ({@code 7.0},
 * {@code docker:...}, ...), or with {@code sentinel:<id>} the primary of a Sentinel topology of that
 * shipped version (docs/sentinel.md), which the counters and the PING calibration reach in Sentinel
 * mode ({@link SentinelClients#counterConnections}: through the Sentinels and the node's client
 * proxy), and the harness's janitor and audit directly; or with {@code cluster:<id>} and
 * {@code redis-cluster://host:port,...} a cluster ({@link BenchCluster}), the counters routed by
 * slot.
 */
final class BenchServer implements AutoCloseable {
  static final String SENTINEL_PREFIX = "sentinel:";

  private final RedisServer single; // null on the Sentinel topology
  private final SentinelTopology topology; // null on one server
  private final BenchCluster cluster; // null unless the server is a cluster

  private BenchServer(RedisServer single, SentinelTopology topology, BenchCluster cluster) {
    this.single = single;
    this.topology = topology;
    this.cluster = cluster;
  }

  static BenchServer start(String server) {
    if (BenchCluster.isCluster(server)) {
      return new BenchServer(null, null, BenchCluster.start(server));
    }
    if (isSentinel(server)) {
      ServerSpec spec = ServerSpec.parse(bare(server)).unpinned();
      Topology.SENTINEL.requireRunnableOn(spec); // shipped or installed, 5.0 or later
      return new BenchServer(null, SentinelTopology.builder(spec).start(), null);
    }
    return new BenchServer(RedisServer.start(server), null, null);
  }

  static boolean isSentinel(String server) {
    return server.startsWith(SENTINEL_PREFIX);
  }

  /** The server id without {@code sentinel:}. */
  static String bare(String server) {
    return isSentinel(server) ? server.substring(SENTINEL_PREFIX.length()) : server;
  }

  RedisVersion version() {
    return single != null ? single.version() : cluster != null ? cluster.version() : topology.spec().promisedVersion().orElseThrow();
  }

  /** True when the harness did not start the server (a user's cluster): the trial must delete its keys after itself. */
  boolean external() {
    return cluster != null && cluster.external();
  }

  /** Where the PING calibration's connections come from, for {@code mode} (on a cluster: its first primary). */
  CounterConnections connections(ClientMode mode) {
    if (cluster != null) {
      return cluster.pingConnections(mode);
    }
    return single != null ? CounterConnections.direct(mode, single.host(), single.port()) : SentinelClients.counterConnections(topology, mode);
  }

  /**
   * The counters of one trial, their deletes and audits: a {@link CounterDriver} on this server's
   * connections, or on a cluster {@code ClusterCounters}. Refuses with one sentence a variant the
   * server cannot run.
   */
  CounterTarget counters(String serverId, CounterVariant variant, ClientMode mode, long ttlMs) {
    if (cluster != null) {
      return cluster.counters(variant, mode, ttlMs);
    }
    CounterDriver driver = new CounterDriver(variant, mode, version(), ttlMs, () -> connections(mode));
    return new DriverTarget(serverId, version(), driver, this::admin);
  }

  /** The harness's own connection to the node that holds the keys (the janitor, the audit). */
  Jedis admin() {
    return single != null ? ClientMode.jedis(single.host(), single.port()) : topology.primary().jedis();
  }

  @Override
  public void close() {
    if (single != null) {
      single.close();
    }
    if (topology != null) {
      topology.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }
}
