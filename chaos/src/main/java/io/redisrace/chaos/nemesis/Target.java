package io.redisrace.chaos.nemesis;

import io.redisrace.chaos.history.History;
import io.redisrace.chaos.workload.LoaderHandle;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.toxi.RedisProxy;
import java.time.Duration;
import java.util.function.Supplier;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * What the nemesis acts on in one trial: loader A (held at its step), A's own proxy, a direct admin
 * connection to Redis for observing effects, and a way to run the competitor.
 *
 * @param variant         the loader variant of the trial
 * @param a               loader A, held at the fault's step
 * @param proxy           A's proxy (every toxic goes here; B does not use it)
 * @param admin           a direct connection to Redis (never through a proxy)
 * @param redis           where Redis listens, for a fault that needs a connection of its own
 * @param keys            the trial's keys
 * @param chunk           the chunk at which A is held
 * @param clientTimeout   the loaders' command timeout
 * @param runCompetitor   starts loader B (if the plan has one) and waits until it is done; returns
 *                        false when there is none
 * @param history         the trial's history
 * @param topology        the Sentinel topology of the trial ({@code --topology sentinel}), else null
 * @param cluster         the cluster of the trial ({@code --topology cluster}), else null
 */
public record Target(
    LoaderVariant variant,
    LoaderHandle a,
    RedisProxy proxy,
    Jedis admin,
    HostAndPort redis,
    LoaderKeys keys,
    int chunk,
    Duration clientTimeout,
    Supplier<Boolean> runCompetitor,
    History history,
    SentinelTopology topology,
    ClusterTopology cluster) {

  /** A target on one redis-server. */
  public Target(LoaderVariant variant, LoaderHandle a, RedisProxy proxy, Jedis admin, HostAndPort redis, LoaderKeys keys, int chunk,
      Duration clientTimeout, Supplier<Boolean> runCompetitor, History history) {
    this(variant, a, proxy, admin, redis, keys, chunk, clientTimeout, runCompetitor, history, null, null);
  }
}
