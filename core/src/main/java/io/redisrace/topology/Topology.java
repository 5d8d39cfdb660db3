package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerInstaller;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
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

  /**
   * Throws one sentence when {@code kind} cannot run this topology (Sentinel and cluster need a
   * shipped 5.0+ binary); the form for callers that take a shipped kind. An installed version needs
   * its {@link ServerSpec}: {@link #requireRunnableOn(ServerSpec)}.
   */
  public void requireRunnableOn(ServerKind kind) {
    if (this == SINGLE) {
      return;
    }
    boolean shipped = kind.resource().isPresent();
    boolean recent = kind.promisedVersion().map(v -> v.atLeast(since())).orElse(false);
    if (!shipped || !recent) {
      throw new HarnessException("Topology " + id() + " needs a shipped Redis binary of 5.0 or later, so it cannot run on "
          + kind.id() + "; use --server 6.2 or 7.0.");
    }
  }

  /**
   * Throws one sentence when {@code spec} cannot run this topology: it must be a local binary whose
   * version the harness knows (shipped, or a version of the atlas), 5.0 or later, and installed.
   */
  public void requireRunnableOn(ServerSpec spec) {
    if (this == SINGLE) {
      return;
    }
    String use = "; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.";
    boolean local = spec.image().isEmpty() && spec.externalUri().isEmpty()
        && (spec.kind().resource().isPresent() || spec.installed().isPresent());
    if (!local) {
      throw new HarnessException("Topology " + id() + " starts its own processes from a shipped or installed binary, so it cannot run on "
          + spec + use);
    }
    RedisVersion version = spec.promisedVersion().orElseThrow();
    if (!version.atLeast(since())) {
      throw new HarnessException("Topology " + id() + " needs Redis 5.0 or later (" + (this == CLUSTER
          ? "cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0"
          : "REPLICAOF, SENTINEL REPLICAS and replica-announce-ip/port are 5.0") + "), so it cannot run on " + spec.id()
          + (spec.id().equals(version.toString()) ? "" : " (Redis " + version + ")") + use);
    }
    spec.installed().filter(e -> ServerInstaller.installed(e).isEmpty()).ifPresent(e -> {
      throw ServerInstaller.notInstalled(e);
    });
  }

  /** How messages name the server of a topology: {@code Redis 7.0} (a shipped kind), {@code Redis 7.2.4}, {@code Valkey 9.1.2}. */
  public static String describe(ServerSpec spec) {
    return spec.installed().filter(e -> spec.kind() == ServerKind.INSTALLED).map(Object::toString).orElse("Redis " + spec.id());
  }

  private RedisVersion since() {
    return this == CLUSTER ? CLUSTER_SINCE : SENTINEL_SINCE;
  }
}
