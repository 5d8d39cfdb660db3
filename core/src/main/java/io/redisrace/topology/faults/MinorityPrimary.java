package io.redisrace.topology.faults;

import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;

/**
 * {@code minority-primary}: the primary isolated from its replicas and from every Sentinel while
 * its clients still reach it (Jepsen's split brain). Its peer proxy is disabled (every connection
 * through it closed, new ones refused, both directions); its client proxy is left alone. The
 * Sentinels promote a replica; the old primary goes on acknowledging the writes of the clients
 * that still talk to it. Heal: the peer proxy is enabled again once a replica was promoted; the
 * Sentinels reach the old primary, demote it, and its resync from the new primary destroys what it
 * acknowledged alone.
 */
public final class MinorityPrimary implements TopologyFault {
  @Override
  public String id() {
    return "minority-primary";
  }

  @Override
  public String summary() {
    return "cut the primary from its replicas and Sentinels, not from its clients, until a replica is promoted";
  }

  @Override
  public Outcome strike(SentinelTopology t, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = t.primary();
    primary.peerProxy().disable();
    boolean promoted;
    try {
      promoted = TopologyFault.awaitPromotion(t, primary);
      whileStruck.run();
    } finally {
      primary.peerProxy().enable();
    }
    return TopologyFault.healed(this, t, primary, "isolated " + primary.name() + (promoted ? " until a replica was promoted" : " (no promotion)"), t0);
  }
}
