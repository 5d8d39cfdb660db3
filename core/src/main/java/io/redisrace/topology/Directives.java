package io.redisrace.topology;

import io.redisrace.server.RedisVersion;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The redis.conf directives a topology sets that not every version it runs on has, each with the
 * version that introduced it (measured on the installed binaries: 5.0.9 refuses
 * {@code rdb-del-sync-files} and {@code enable-debug-command}, 6.0.8 only the latter). A version
 * that lacks one starts without it: none of them is needed to form or fail over the topology.
 * Everything the topologies cannot do without ({@code replica-announce-*}, {@code cluster-announce-*},
 * {@code CLUSTER REPLICAS}) is 5.0 or older and is {@link Topology#requireRunnableOn} 's business.
 */
final class Directives {
  private static final Map<String, RedisVersion> SINCE = Map.of(
      "rdb-del-sync-files", RedisVersion.parse("6.0.0"), // Persistence.NONE: delete the RDB of a full sync
      "enable-debug-command", RedisVersion.parse("7.0.0"),
      "repl-diskless-sync-delay", RedisVersion.parse("2.8.18"),
      "cluster-replica-validity-factor", RedisVersion.parse("5.0.0"));

  private Directives() {}

  /** True when {@code version} knows {@code directive} (every directive this class does not list counts as known). */
  static boolean known(String directive, RedisVersion version) {
    RedisVersion since = SINCE.get(directive);
    return since == null || version.atLeast(since);
  }

  /** {@code conf} without the directives {@code version} lacks, in the same order. */
  static Map<String, String> supported(Map<String, String> conf, RedisVersion version) {
    Map<String, String> kept = new LinkedHashMap<>();
    conf.forEach((k, v) -> {
      if (known(k, version)) {
        kept.put(k, v);
      }
    });
    return kept;
  }
}
