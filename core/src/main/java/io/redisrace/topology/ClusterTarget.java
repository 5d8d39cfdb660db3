package io.redisrace.topology;

import io.redisrace.server.ServerSpec;
import java.util.Optional;

/**
 * A cluster named by a {@code --server} value: {@code cluster:<id>} ({@code cluster:7.0} or {@code cluster:7.2.4}, the same
 * as {@code --topology cluster --server 7.0}: a {@link ClusterTopology} the harness starts and
 * stops), or a user's own cluster, {@code redis-cluster://host:port,host:port}, which the harness
 * only talks to: it never starts, stops or strikes any of its nodes.
 *
 * @param managed the server of a cluster to start (shipped, or installed from the atlas); empty for a user's cluster
 * @param external the seed nodes of a user's cluster; null for a managed one
 */
public record ClusterTarget(String id, Optional<ServerSpec> managed, ClusterAddresses external) {
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
    ServerSpec spec = ServerSpec.parse(t.substring(PREFIX.length())).unpinned();
    Topology.CLUSTER.requireRunnableOn(spec);
    return Optional.of(new ClusterTarget(PREFIX + spec.id(), Optional.of(spec), null));
  }

  /** True for a user's cluster, which the harness must neither start, stop nor strike. */
  public boolean isExternal() {
    return managed.isEmpty();
  }
}
