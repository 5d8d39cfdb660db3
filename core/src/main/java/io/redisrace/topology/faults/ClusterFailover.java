package io.redisrace.topology.faults;

import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;
import java.util.Locale;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * {@code cluster-failover}: {@code CLUSTER FAILOVER} on the replica of the struck slot's primary,
 * a manual failover: the primary stops its clients, the replica catches up with its replication
 * offset, then takes over; no acknowledged write is lost. {@code cluster-failover-force}
 * ({@link Force}) skips the handshake with the primary (the replica does not wait to catch up, so
 * writes in flight can be lost) but still asks the primaries for a vote; {@code
 * cluster-failover-takeover} ({@link Takeover}) asks no one: the replica bumps its epoch and takes
 * the slots alone. The old primary becomes a replica of the new one; no heal is needed.
 */
public class ClusterFailover implements ClusterFault {
  private final String option; // "" (plain), FORCE or TAKEOVER

  public ClusterFailover() {
    this("");
  }

  ClusterFailover(String option) {
    this.option = option;
  }

  /** {@code cluster-failover-force}. */
  public static final class Force extends ClusterFailover {
    public Force() {
      super("FORCE");
    }
  }

  /** {@code cluster-failover-takeover}. */
  public static final class Takeover extends ClusterFailover {
    public Takeover() {
      super("TAKEOVER");
    }
  }

  @Override
  public String id() {
    return "cluster-failover" + (option.isEmpty() ? "" : "-" + option.toLowerCase(Locale.ROOT));
  }

  @Override
  public String summary() {
    return "CLUSTER FAILOVER" + (option.isEmpty() ? "" : " " + option) + " on a primary's replica: it takes over the slots"
        + (option.isEmpty() ? " once caught up" : option.equals("FORCE") ? " without catching up" : " without a vote");
  }

  @Override
  public TopologyFault.Outcome strike(ClusterTopology c, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = c.primaryOf(ClusterFault.slot());
    DataNode replica = c.replicaOf(primary).orElseThrow(() -> new IllegalStateException(primary.name() + " has no replica"));
    // A manual failover that does not win its election within 5 s is dropped, not retried; a primary
    // refuses to vote for a replica of the same primary for 2 x cluster-node-timeout after a vote, so
    // right after another failover the first request can go unanswered: it is sent again until the
    // replica takes over, or the heal bound passes.
    long deadline = System.nanoTime() + TopologyFault.HEAL_BOUND.toNanos();
    int requests = 0;
    boolean promoted = false;
    while (!promoted && System.nanoTime() < deadline) {
      try (Jedis j = replica.jedis()) {
        j.sendCommand(Protocol.Command.CLUSTER, option.isEmpty() ? new String[] {"FAILOVER"} : new String[] {"FAILOVER", option});
      }
      requests++;
      promoted = ClusterFault.awaitPromotion(c, primary, Duration.ofSeconds(6));
    }
    whileStruck.run();
    return ClusterFault.healed(this, c, primary, "CLUSTER FAILOVER" + (option.isEmpty() ? "" : " " + option) + " on " + replica.name()
        + " (" + requests + (requests == 1 ? " request" : " requests") + ")"
        + (promoted ? ", it took over from " : ", it did not take over from ") + primary.name(), t0);
  }
}
