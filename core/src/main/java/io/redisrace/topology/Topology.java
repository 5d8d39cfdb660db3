package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerKind;
import java.util.Locale;

/**
 * How many servers a run talks to ({@code --topology}): {@code single}, one redis-server, or
 * {@code sentinel}, one primary, two replicas and three Sentinels ({@link SentinelTopology}).
 */
public enum Topology implements HasId {
  SINGLE,
  SENTINEL;

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

  /** Throws one sentence when {@code kind} cannot run this topology (Sentinel needs a shipped 5.0+ binary). */
  public void requireRunnableOn(ServerKind kind) {
    if (this == SINGLE) {
      return;
    }
    boolean shipped = kind.resource().isPresent();
    boolean recent = kind.promisedVersion().map(v -> v.atLeast(SENTINEL_SINCE)).orElse(false);
    if (!shipped || !recent) {
      throw new HarnessException("Topology sentinel needs a shipped Redis binary of 5.0 or later, so it cannot run on "
          + kind.id() + "; use --server 6.2 or 7.0.");
    }
  }
}
