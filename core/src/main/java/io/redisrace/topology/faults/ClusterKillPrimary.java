package io.redisrace.topology.faults;

import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;

/**
 * {@code cluster-kill-primary}: SIGKILL of the primary of the struck slot; after
 * {@code cluster-node-timeout} the other primaries flag it failing and its replica is elected and
 * takes over its slots (automatic failover). Heal: the old primary is restarted on its port, data
 * directory and {@code nodes.conf}; it learns that its slots moved and rejoins as a replica of the
 * new primary, resyncing from it.
 */
public final class ClusterKillPrimary implements ClusterFault {
  @Override
  public String id() {
    return "cluster-kill-primary";
  }

  @Override
  public String summary() {
    return "SIGKILL a primary, let its replica take over after cluster-node-timeout, restart the old one as a replica";
  }

  @Override
  public TopologyFault.Outcome strike(ClusterTopology c, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = c.primaryOf(ClusterFault.slot());
    primary.kill();
    boolean promoted = ClusterFault.awaitPromotion(c, primary);
    whileStruck.run();
    primary.restart(Duration.ofSeconds(15));
    return ClusterFault.healed(this, c, primary, "killed " + primary.name()
        + (promoted ? ", its replica took over, restarted it" : ", no replica took over, restarted it"), t0);
  }
}
