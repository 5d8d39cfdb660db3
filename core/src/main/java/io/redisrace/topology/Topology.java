package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerKind;
import java.util.Locale;

/**
 * How many servers a run talks to ({@code --topology}): {@code single}, one redis-server,
 * {@code sentinel}, one primary, two replicas and three Sentinels ({@link SentinelTopology}), or
 * {@code cluster}, Redis Cluster of three primaries with one replica each ({@link ClusterTopology}).
 */
public enum Topology implements HasId {
  SINGLE,
  SENTINEL,
  CLUSTER;

  /** The oldest Redis the Sentinel topology drives: REPLICAOF, SENTINEL REPLICAS and the announce settings (5.0). */
  public static final RedisVersion SENTINEL_SINCE = RedisVersion.parse("5.0.0");

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The topology named {@code text}, or one sentence naming the accepted ids. */
  public static Topology parse(String text) {
    return HasId.parse(Topology.class, "topology", text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
  }

  public static String ids() {
    return HasId.ids(Topology.class);
  }

  /**
   * The oldest Redis the cluster topology drives: {@code cluster-announce-bus-port} is 4.0, the
   * {@code CLUSTER REPLICAS} and {@code replica-*} names it relies on are 5.0.
   */
  public static final RedisVersion CLUSTER_SINCE = RedisVersion.parse("5.0.0");

  /** Throws one sentence when {@code kind} cannot run this topology (Sentinel and cluster need a shipped 5.0+ binary). */
  public void requireRunnableOn(ServerKind kind) {
    if (this == SINGLE) {
      return;
    }
    boolean shipped = kind.resource().isPresent();
    boolean recent = kind.promisedVersion().map(v -> v.atLeast(this == CLUSTER ? CLUSTER_SINCE : SENTINEL_SINCE)).orElse(false);
    if (!shipped || !recent) {
      throw new HarnessException("Topology " + id() + " needs a shipped Redis binary of 5.0 or later, so it cannot run on "
          + kind.id() + "; use --server 6.2 or 7.0.");
    }
  }
}
