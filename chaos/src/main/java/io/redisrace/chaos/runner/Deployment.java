package io.redisrace.chaos.runner;

import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.SentinelTopology;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * What a chaos run writes to ({@code --topology}): one redis-server ({@link SingleDeployment}), a
 * Sentinel topology ({@link SentinelDeployment}) or a cluster ({@link ClusterDeployment}), all
 * behind the run's one Toxiproxy. The trial runner, the nemesis and the supervisor see only this:
 * where each loader connects, the keys of a trial, a direct connection to whichever node is primary
 * now (on a cluster: of the trial keys' slot), and whether the deployment is healthy.
 */
public interface Deployment extends AutoCloseable {

  /** The server id of the run (its {@code --server}). */
  String id();

  /** The Redis version the server reports. */
  String version();

  /** embedded or docker. */
  String backend();

  ToxiproxyServer toxiproxy();

  /**
   * The connection paths of one trial's loaders: A through proxies of its own (named after
   * {@code prefix}), the competitors and nothing else in between. {@code base} gives the rest of
   * the spec.
   */
  Paths paths(String prefix, LoaderSpec base);

  /** A new direct connection (no proxy) to the primary at this moment. */
  Jedis admin();

  /** Where the primary listens now (its own port). */
  HostAndPort primaryAddress();

  /** The name of the primary now ({@code node-2}; {@code redis} for one server). */
  String primaryName();

  /** The Sentinel topology under faults of {@code topology/faults}, empty for one server or a cluster. */
  Optional<SentinelTopology> topology();

  /** The cluster under the cluster faults of {@code topology/faults}, empty unless {@code --topology cluster}. */
  default Optional<ClusterTopology> cluster() {
    return Optional.empty();
  }

  /** Several data nodes that a fault may fail over (Sentinel or cluster): the trial record gets a {@code topology} part. */
  default boolean replicated() {
    return topology().isPresent() || cluster().isPresent();
  }

  /** The keys of the trial named {@code prefix} (on a cluster: in the slot its faults strike, list and bitmap together). */
  default LoaderKeys keys(String prefix) {
    return new LoaderKeys(prefix);
  }

  /** Empty when healthy (one server: always), else the problem after {@code TopologyFault.HEAL_BOUND}. */
  Optional<String> awaitHealthy();

  /** For every data node: the length of {@code key} there (what each node holds at the end of a trial). */
  Map<String, Long> listLengths(String key);

  @Override
  void close();

  /**
   * One trial's loader paths. {@code a}: loader A's spec (through {@code proxyA}, its own proxy to
   * the primary, where every toxic goes; in Sentinel mode A has one proxy per node), {@code others}:
   * the competitors' and nothing between them and Redis but the deployment's own client proxies.
   */
  record Paths(LoaderSpec a, LoaderSpec others, RedisProxy proxyA, AutoCloseable closer) implements AutoCloseable {
    @Override
    public void close() {
      try {
        closer.close();
      } catch (Exception ignored) {
        // proxy already gone
      }
    }
  }
}
