package io.redisrace.bench;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterConnections;
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
 * proxy), and the harness's janitor and audit directly.
 */
final class BenchServer implements AutoCloseable {
  static final String SENTINEL_PREFIX = "sentinel:";

  private final RedisServer single; // null on the Sentinel topology
  private final SentinelTopology topology; // null on one server

  private BenchServer(RedisServer single, SentinelTopology topology) {
    this.single = single;
    this.topology = topology;
  }

  static BenchServer start(String server) {
    if (isSentinel(server)) {
      ServerSpec spec = ServerSpec.parse(bare(server));
      Topology.SENTINEL.requireRunnableOn(spec.kind());
      return new BenchServer(null, SentinelTopology.builder(spec.kind()).start());
    }
    return new BenchServer(RedisServer.start(server), null);
  }

  static boolean isSentinel(String server) {
    return server.startsWith(SENTINEL_PREFIX);
  }

  /** The server id without {@code sentinel:}. */
  static String bare(String server) {
    return isSentinel(server) ? server.substring(SENTINEL_PREFIX.length()) : server;
  }

  RedisVersion version() {
    return single != null ? single.version() : topology.kind().promisedVersion().orElseThrow();
  }

  /** Where a benchmark thread's connections come from, for {@code mode}. */
  CounterConnections connections(ClientMode mode) {
    return single != null ? CounterConnections.direct(mode, single.host(), single.port()) : SentinelClients.counterConnections(topology, mode);
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
  }
}
