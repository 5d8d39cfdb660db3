package io.redisrace.topology;

import io.redisrace.HasId;
import java.time.Duration;
import java.util.Optional;

/**
 * One server or network fault of a {@link ClusterTopology}, the cluster's counterpart of
 * {@link TopologyFault}: registered by id ({@link TopologyFaults#cluster()}: one class per fault
 * under {@code topology/faults/}, listed in {@code META-INF/services/io.redisrace.topology.ClusterFault}).
 * {@link #strike} puts the fault in place on the primary of {@link ClusterTopology#HASH_TAG}'s slot,
 * runs {@code whileStruck} while it holds, heals it, and returns only once the cluster is healthy
 * again or {@link TopologyFault#HEAL_BOUND} has passed. A fault that needs to own processes is never
 * struck on a user's cluster. docs/cluster.md gives each fault's exact edges.
 */
public interface ClusterFault extends HasId {

  /** One line: what the fault does. */
  String summary();

  /** Strikes {@code c}, runs {@code whileStruck} while the fault holds, heals and waits for health. */
  TopologyFault.Outcome strike(ClusterTopology c, Runnable whileStruck);

  /** The slot every fault strikes: that of {@link ClusterTopology#HASH_TAG}. */
  static int slot() {
    return redis.clients.jedis.util.JedisClusterCRC16.getSlot(ClusterTopology.HASH_TAG);
  }

  /** Waits for health and builds the outcome: the primary of {@link #slot()} before and after. */
  static TopologyFault.Outcome healed(ClusterFault f, ClusterTopology c, DataNode before, String what, long startedNanos) {
    Optional<String> problem = c.awaitHealthy(TopologyFault.HEAL_BOUND);
    String after;
    try {
      after = c.primaryOf(slot()).name();
    } catch (RuntimeException e) {
      after = "none";
    }
    return new TopologyFault.Outcome(f.id(), before.name(), after, what, problem, Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  /**
   * Waits until the nodes other than {@code old} name another primary of {@link #slot()}; false
   * after {@link TopologyFault#HEAL_BOUND}.
   */
  static boolean awaitPromotion(ClusterTopology c, DataNode old) {
    return awaitPromotion(c, old, TopologyFault.HEAL_BOUND);
  }

  /** The same, false after {@code bound}. */
  static boolean awaitPromotion(ClusterTopology c, DataNode old, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      try {
        if (c.primaryOf(slot(), old) != old) {
          return true;
        }
      } catch (RuntimeException noOwnerYet) {
        // slot uncovered while the majority decides
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      SentinelTopology.pause(50);
    }
  }
}
