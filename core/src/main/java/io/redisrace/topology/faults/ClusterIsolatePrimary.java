package io.redisrace.topology.faults;

import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.TopologyFault;
import io.redisrace.toxi.RedisProxy;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * {@code cluster-isolate-primary}: the struck slot's primary cut off from its replica and from the
 * cluster bus while its clients still reach it, and its replica made primary behind its back. The
 * primary's peer proxy (the replication link) and bus proxy (every bus link another node opened to
 * it) are disabled, and so is its replica's bus proxy; its client proxy is left alone. Then
 * {@code CLUSTER FAILOVER TAKEOVER} on the replica: it bumps its epoch and claims the slots; the
 * other primaries learn it from its pings. The isolated primary never does while the cut holds (no
 * node can open a link to it, and the ping headers that carry slot claims reach it only from nodes
 * it dials itself, which do not claim its slots), so it keeps {@code cluster_state:ok} and
 * acknowledges its clients' writes alone (the minority-primary split brain). Heal: the proxies are
 * enabled; the new primary's pings reach the old one, which sees a higher epoch claim its slots,
 * turns into its replica and resyncs, destroying what it acknowledged alone.
 *
 * <p>Why not an automatic failover: proxies cut the links others open to a node, not those it
 * opens, and a node counts any packet from a peer, on either link, as alive ({@code data_received}),
 * so the majority, still pinged by the isolated primary, would never flag it failing; a vote is
 * answered on the voter's own link to the candidate, which the cut closes. docs/cluster.md.
 */
public final class ClusterIsolatePrimary implements ClusterFault {
  @Override
  public String id() {
    return "cluster-isolate-primary";
  }

  @Override
  public String summary() {
    return "cut a primary from its replica and the bus, not from its clients, while its replica takes over (TAKEOVER)";
  }

  @Override
  public TopologyFault.Outcome strike(ClusterTopology c, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = c.primaryOf(ClusterFault.slot());
    DataNode replica = c.replicaOf(primary).orElseThrow(() -> new IllegalStateException(primary.name() + " has no replica"));
    List<RedisProxy> cut = List.of(primary.peerProxy(), primary.busProxy().orElseThrow(), replica.busProxy().orElseThrow());
    cut.forEach(RedisProxy::disable);
    boolean promoted;
    try {
      try (Jedis j = replica.jedis()) {
        j.sendCommand(Protocol.Command.CLUSTER, "FAILOVER", "TAKEOVER");
      }
      promoted = ClusterFault.awaitPromotion(c, primary);
      whileStruck.run();
    } finally {
      cut.forEach(RedisProxy::enable);
    }
    return ClusterFault.healed(this, c, primary, "isolated " + primary.name() + (promoted ? " while " + replica.name() + " took over" : " (no takeover)"), t0);
  }
}
