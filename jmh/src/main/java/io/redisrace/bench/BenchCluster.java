package io.redisrace.bench;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterConnections;
import io.redisrace.counter.CounterTarget;
import io.redisrace.counter.CounterVariant;
import io.redisrace.server.RedisVersion;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.ClusterCounters;
import io.redisrace.topology.ClusterTarget;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The cluster of one bench trial, from a plan server {@code cluster:<id>} or
 * {@code redis-cluster://host:port,...} (docs/cluster.md, "Benchmarks on a cluster").
 *
 * <ul>
 *   <li>{@code cluster:<id>}: a {@link ClusterTopology} of that shipped version, started for the
 *       trial and stopped after it. Its clients dial each node's own port, not its Toxiproxy
 *       proxies (the bench strikes nothing): the ratio to a single node of the same version in the
 *       same run is then what the cluster itself costs (cluster mode on the server, slot routing
 *       in the client), not a proxy hop.</li>
 *   <li>{@code redis-cluster://host:port,...}: a user's own cluster, dialled at the addresses it
 *       announces; never started, stopped or struck. The trial deletes its keys before and
 *       after ({@link CounterTarget#clear}).</li>
 * </ul>
 * Counters are {@link ClusterCounters} (each operation on the connection of its key's slot), the
 * PING calibration dials the first primary with the mode's plain client.
 */
final class BenchCluster implements AutoCloseable {
  private final ClusterTarget target;
  private final ClusterTopology started; // null for a user's cluster
  private final ClusterAddresses addresses;
  private final HostAndPort firstPrimary;

  private BenchCluster(ClusterTarget target, ClusterTopology started, ClusterAddresses addresses, HostAndPort firstPrimary) {
    this.target = target;
    this.started = started;
    this.addresses = addresses;
    this.firstPrimary = firstPrimary;
  }

  /** True for a plan server that names a cluster. */
  static boolean isCluster(String server) {
    return server.startsWith(ClusterTarget.PREFIX) || server.startsWith(ClusterAddresses.SCHEME);
  }

  /** Starts the cluster {@code server} names, or connects to a user's; one sentence if it cannot. */
  static BenchCluster start(String server) {
    ClusterTarget t = ClusterTarget.parse(server).orElseThrow(() -> new HarnessException("'" + server + "' names no cluster."));
    if (t.isExternal()) {
      return new BenchCluster(t, null, t.external(), t.external().seeds().iterator().next());
    }
    ClusterTopology c = ClusterTopology.builder(t.managed().orElseThrow()).start();
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    Map<HostAndPort, HostAndPort> direct = new LinkedHashMap<>();
    for (DataNode n : c.nodes()) {
      HostAndPort own = new HostAndPort(n.peerAddress().getHost(), n.port());
      seeds.add(own);
      direct.put(n.peerAddress(), own);
    }
    DataNode primary = c.primaries().get(0);
    return new BenchCluster(t, c, new ClusterAddresses(seeds, direct), direct.get(primary.peerAddress()));
  }

  /** A user's cluster, which the trial must leave as it found it. */
  boolean external() {
    return started == null;
  }

  RedisVersion version() {
    if (started != null) {
      return started.kind().promisedVersion().orElseThrow();
    }
    for (HostAndPort seed : addresses.seeds()) {
      try (Jedis j = ClientMode.jedis(seed.getHost(), seed.getPort(), Duration.ofSeconds(2))) {
        return RedisVersion.parse(j.info("server").lines().filter(l -> l.startsWith("redis_version:")).findFirst()
            .map(l -> l.substring("redis_version:".length()).strip()).orElse("0.0.0"));
      } catch (JedisException unreachable) {
        // the next seed
      }
    }
    throw new HarnessException("No seed node of the cluster answers at " + addresses.seeds() + "; start it or name other nodes.");
  }

  /** The PING calibration's connections: the first primary, with the mode's plain client. */
  CounterConnections pingConnections(ClientMode mode) {
    return CounterConnections.direct(mode, firstPrimary.getHost(), firstPrimary.getPort());
  }

  /** Counters of {@code variant} routed by slot through the mode's cluster client (Lettuce: static slot map). */
  ClusterCounters counters(CounterVariant variant, ClientMode mode, long ttlMs) {
    return new ClusterCounters(target.id(), variant, mode, addresses, ClusterClients.Refresh.STATIC, ttlMs, ClientMode.COMMAND_TIMEOUT);
  }

  /**
   * Empty when {@code variant} runs on this cluster; else why not (its operation touched keys of
   * two slots: CROSSSLOT), from one operation on {@code probeKey} with Jedis.
   */
  Optional<String> crossSlot(CounterVariant variant, String probeKey) {
    try (ClusterCounters c = counters(variant, ClientMode.JEDIS, 60_000)) {
      return c.crossSlot(probeKey);
    }
  }

  @Override
  public void close() {
    if (started != null) {
      started.close();
    }
  }
}
