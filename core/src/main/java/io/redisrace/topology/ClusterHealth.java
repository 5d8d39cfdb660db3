package io.redisrace.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Whether a {@link ClusterTopology} is healthy, asked of every node on its own port (no proxy):
 * every node runs and says {@code cluster_state:ok} with all 16384 slots assigned and ok; every
 * node's {@code CLUSTER NODES} lists the six nodes at their announced (peer proxy) ports, none
 * failing or disconnected, and the same three primaries, each serving slots and followed by exactly
 * one replica; every primary has its replica {@code online}, and every replica's link to its
 * primary (through the primary's peer proxy) is up and done syncing.
 */
final class ClusterHealth {
  private ClusterHealth() {}

  static Optional<String> problem(ClusterTopology c) {
    try {
      return nodesProblem(c).or(() -> replicationProblem(c));
    } catch (JedisException e) {
      return Optional.of("a node does not answer (" + e.getMessage() + ")");
    }
  }

  private static Optional<String> nodesProblem(ClusterTopology c) {
    Set<String> primaries = null;
    Set<Integer> announced = new TreeSet<>();
    c.nodes().forEach(n -> announced.add(n.peerAddress().getPort()));
    for (DataNode n : c.nodes()) {
      if (!n.isRunning()) {
        return Optional.of(n.name() + " is not running");
      }
      Map<String, String> info;
      try (Jedis j = n.jedis()) {
        info = Replication.fields(j.clusterInfo());
      }
      String slots = Integer.toString(ClusterTopology.SLOTS);
      if (!"ok".equals(info.get("cluster_state")) || !slots.equals(info.get("cluster_slots_assigned"))
          || !slots.equals(info.get("cluster_slots_ok"))) {
        return Optional.of(n.name() + " says cluster_state:" + info.get("cluster_state") + " with " + info.get("cluster_slots_ok")
            + " slots ok");
      }
      ClusterView v = c.view(n);
      if (v.entries().size() != c.nodes().size()) {
        return Optional.of(n.name() + " knows " + v.entries().size() + " nodes, not " + c.nodes().size());
      }
      for (ClusterView.Entry e : v.entries()) {
        boolean self = e.flags().contains("myself");
        if (e.isFailing() || (!self && !e.connected()) || !announced.contains(e.port())) {
          return Optional.of(n.name() + " sees " + c.node(e.id()).name() + " as " + e.flags() + (e.connected() ? "" : ", disconnected")
              + " at port " + e.port());
        }
      }
      Set<String> seen = new TreeSet<>();
      for (ClusterView.Entry p : v.primaries()) {
        long replicas = v.entries().stream().filter(e -> e.isReplica() && p.id().equals(e.primaryId())).count();
        if (p.slotCount() == 0 || replicas != 1) {
          return Optional.of(n.name() + " sees primary " + c.node(p.id()).name() + " with " + p.slotCount() + " slots and " + replicas
              + " replicas, not 1");
        }
        seen.add(p.id());
      }
      if (seen.size() != ClusterTopology.PRIMARIES || (primaries != null && !primaries.equals(seen))) {
        return Optional.of(n.name() + " sees primaries " + names(c, seen) + (primaries == null ? "" : ", another node " + names(c, primaries)));
      }
      primaries = seen;
    }
    return Optional.empty();
  }

  private static Optional<String> replicationProblem(ClusterTopology c) {
    ClusterView v = c.view();
    for (DataNode n : c.nodes()) {
      ClusterView.Entry e = v.byId(c.id(n)).orElseThrow();
      Replication r = Replication.of(n);
      Optional<String> problem = e.isPrimary() ? r.primaryProblem(1) : r.replicaProblem(c.node(e.primaryId()));
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static List<String> names(ClusterTopology c, Set<String> ids) {
    return ids.stream().map(id -> c.node(id).name()).sorted().toList();
  }
}
