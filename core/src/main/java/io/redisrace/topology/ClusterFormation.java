package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.process.Ports;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import redis.clients.jedis.Jedis;

/**
 * How {@link ClusterTopology} forms its cluster from six started nodes, with plain commands on each
 * node's own port (no {@code redis-cli --cluster create}: docs/cluster.md says why).
 */
final class ClusterFormation {
  private ClusterFormation() {}

  /** Epochs, MEET, slots, REPLICATE: each on a node's own port. */
  static void form(List<DataNode> nodes, Map<DataNode, String> ids) {
    for (DataNode n : nodes) {
      try (Jedis j = n.jedis()) {
        ids.put(n, j.clusterMyId());
        j.sendCommand(redis.clients.jedis.Protocol.Command.CLUSTER, "SET-CONFIG-EPOCH", Integer.toString(nodes.indexOf(n) + 1));
      }
    }
    try (Jedis first = nodes.get(0).jedis()) {
      // The real port: the handshake dials port + 10000; from the first PONG on the node uses the announced addresses.
      nodes.subList(1, nodes.size()).forEach(n -> first.clusterMeet(Ports.LOOPBACK, n.port()));
    }
    for (int p = 0; p < ClusterTopology.PRIMARIES; p++) {
      int from = ClusterTopology.SLOTS * p / ClusterTopology.PRIMARIES;
      int to = ClusterTopology.SLOTS * (p + 1) / ClusterTopology.PRIMARIES - 1;
      try (Jedis j = nodes.get(p).jedis()) {
        j.clusterAddSlots(IntStream.rangeClosed(from, to).toArray());
      }
    }
    awaitKnown(nodes);
    for (int r = 0; r < ClusterTopology.PRIMARIES; r++) {
      try (Jedis j = nodes.get(ClusterTopology.PRIMARIES + r).jedis()) {
        j.clusterReplicate(ids.get(nodes.get(r)));
      }
    }
  }

  /** Waits until every node knows all six at their announced addresses, past the handshake. */
  private static void awaitKnown(List<DataNode> nodes) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    Set<Integer> announced = new LinkedHashSet<>();
    nodes.forEach(n -> announced.add(n.peerAddress().getPort()));
    for (DataNode n : nodes) {
      while (true) {
        ClusterView v;
        try (Jedis j = n.jedis()) {
          v = ClusterView.parse(n.name(), j.clusterNodes());
        }
        boolean all = v.entries().size() == nodes.size()
            && v.entries().stream().allMatch(e -> !e.isFailing() && announced.contains(e.port()));
        if (all) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new HarnessException("The cluster's nodes did not all meet within 10 s (" + n.name() + " knows "
              + v.entries().size() + " of " + nodes.size() + ").");
        }
        SentinelTopology.pause(20);
      }
    }
  }
}
