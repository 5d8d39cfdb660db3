package io.redisrace.topology;

import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import java.util.Optional;

/**
 * A cluster named by a {@code --server} value: {@code cluster:<id>} ({@code cluster:7.0}, the same
 * as {@code --topology cluster --server 7.0}: a {@link ClusterTopology} the harness starts and
 * stops), or a user's own cluster, {@code redis-cluster://host:port,host:port}, which the harness
 * only talks to: it never starts, stops or strikes any of its nodes.
 *
 * @param managed the shipped binary of a cluster to start; empty for a user's cluster
 * @param external the seed nodes of a user's cluster; null for a managed one
 */
public record ClusterTarget(String id, Optional<ServerKind> managed, ClusterAddresses external) {
  public static final String PREFIX = "cluster:";

  /** The cluster {@code server} names, or empty when it names a single server. */
  public static Optional<ClusterTarget> parse(String server) {
    String t = server == null ? "" : server.trim();
    if (t.startsWith(ClusterAddresses.SCHEME)) {
      return Optional.of(new ClusterTarget("redis-cluster", Optional.empty(), ClusterAddresses.parse(t)));
    }
    if (!t.startsWith(PREFIX)) {
      return Optional.empty();
    }
    ServerKind kind = ServerSpec.parse(t.substring(PREFIX.length())).kind();
    Topology.CLUSTER.requireRunnableOn(kind);
    return Optional.of(new ClusterTarget(PREFIX + kind.id(), Optional.of(kind), null));
  }

  /** True for a user's cluster, which the harness must neither start, stop nor strike. */
  public boolean isExternal() {
    return managed.isEmpty();
  }
}
