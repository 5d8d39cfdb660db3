package io.redisrace.topology.faults;

import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;

/**
 * {@code primary-pause}: SIGSTOP the primary past {@code down-after-milliseconds}, until the
 * Sentinels promote a replica, then SIGCONT. The old primary wakes up still believing it is the
 * primary, with its clients' connections open, and serves them until Sentinel demotes it
 * (REPLICAOF, then {@code CLIENT KILL TYPE normal}); what it acknowledged meanwhile is lost in the
 * resync. A process paused by a long GC, a VM stall, a swap storm.
 */
public final class PrimaryPause implements TopologyFault {
  @Override
  public String id() {
    return "primary-pause";
  }

  @Override
  public String summary() {
    return "SIGSTOP the primary until Sentinel promotes a replica, then SIGCONT";
  }

  @Override
  public Outcome strike(SentinelTopology t, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = t.primary();
    primary.signal("STOP");
    boolean promoted;
    try {
      promoted = TopologyFault.awaitPromotion(t, primary);
      whileStruck.run();
    } finally {
      primary.signal("CONT");
    }
    return TopologyFault.healed(this, t, primary, "stopped " + primary.name() + (promoted ? " until a replica was promoted" : " (no promotion)"), t0);
  }
}
