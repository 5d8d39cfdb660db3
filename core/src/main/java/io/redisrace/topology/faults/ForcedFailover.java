package io.redisrace.topology.faults;

import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import redis.clients.jedis.Jedis;

/**
 * {@code forced-failover}: {@code SENTINEL FAILOVER} on one Sentinel: it promotes a replica
 * without asking the others, demotes the running primary (REPLICAOF, {@code CLIENT KILL TYPE
 * normal}) and reconfigures the other replica. No process dies and no link is cut; writes that
 * reached the old primary after the promoted replica's last sync are lost.
 */
public final class ForcedFailover implements TopologyFault {
  @Override
  public String id() {
    return "forced-failover";
  }

  @Override
  public String summary() {
    return "SENTINEL FAILOVER: promote a replica while the primary runs";
  }

  @Override
  public Outcome strike(SentinelTopology t, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = t.primary();
    String reply;
    try (Jedis sentinel = t.sentinels().get(0).jedis()) {
      reply = sentinel.sentinelFailover(t.masterName());
    }
    boolean promoted = TopologyFault.awaitPromotion(t, primary);
    whileStruck.run();
    return TopologyFault.healed(this, t, primary, "SENTINEL FAILOVER answered " + reply + (promoted ? "" : ", no promotion seen"), t0);
  }
}
