package io.redisrace.chaos;

import io.redisrace.HarnessException;
import io.redisrace.topology.Topology;
import java.util.Locale;

/**
 * {@code --server} and {@code --topology} of a chaos run, as one choice. {@code --server cluster:7.0}
 * (or {@code sentinel:7.0}) is the spelling of the bench plan and the hunt, and means the same as
 * {@code --topology cluster --server 7.0}. A user's own cluster ({@code redis-cluster://...}) passes
 * through as a server, for {@code TopologySettings} to refuse the faults that would strike it.
 *
 * @param server   the server id without a topology prefix, or null for the mode's default
 * @param topology the topology id
 */
record ServerFlag(String server, String topology) {
  /** The choice of {@code --server} (null: not given) and {@code --topology} (null: not given, single). */
  static ServerFlag of(String server, String topology) {
    String t = topology == null ? null : topology.trim().toLowerCase(Locale.ROOT);
    if (server == null) {
      return new ServerFlag(null, t == null ? Topology.SINGLE.id() : t);
    }
    String s = server.trim();
    for (Topology named : new Topology[] {Topology.CLUSTER, Topology.SENTINEL}) {
      String prefix = named.id() + ":";
      if (s.startsWith(prefix)) {
        if (t != null && !t.equals(named.id())) {
          throw new HarnessException("--server " + s + " names the " + named.id() + " topology, so it cannot go with --topology " + t + ".");
        }
        return new ServerFlag(s.substring(prefix.length()), named.id());
      }
    }
    return new ServerFlag(s, t == null ? Topology.SINGLE.id() : t);
  }
}
