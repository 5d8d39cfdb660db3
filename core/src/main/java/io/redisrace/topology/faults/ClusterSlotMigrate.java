package io.redisrace.topology.faults;

import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.TopologyFault;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * {@code cluster-slot-migrate}: the struck slot moved to the next primary, as a resharding does:
 * {@code SETSLOT <slot> IMPORTING} on the target, {@code MIGRATING} on the source; while both hold
 * ({@code whileStruck}), the source answers for the keys it still has and sends ASK for the others,
 * and a command on several keys of the slot, some moved, gets TRYAGAIN. Then every key is moved
 * with {@code MIGRATE ... KEYS} (through the target's peer proxy) and {@code SETSLOT <slot> NODE
 * <target>} is set on the target, the source and the other primaries. No heal: the slot stays on
 * its new primary.
 */
public final class ClusterSlotMigrate implements ClusterFault {
  @Override
  public String id() {
    return "cluster-slot-migrate";
  }

  @Override
  public String summary() {
    return "move a slot to another primary (IMPORTING/MIGRATING, MIGRATE of its keys, SETSLOT NODE)";
  }

  @Override
  public TopologyFault.Outcome strike(ClusterTopology c, Runnable whileStruck) {
    long t0 = System.nanoTime();
    int slot = ClusterFault.slot();
    DataNode source = c.primaryOf(slot);
    List<DataNode> primaries = c.primaries();
    DataNode target = primaries.get((primaries.indexOf(source) + 1) % primaries.size());
    String s = Integer.toString(slot);
    try (Jedis t = target.jedis(); Jedis from = source.jedis()) {
      t.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", s, "IMPORTING", c.id(source));
      from.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", s, "MIGRATING", c.id(target));
      whileStruck.run();
      int moved = 0;
      for (List<String> keys = from.clusterGetKeysInSlot(slot, 100); !keys.isEmpty(); keys = from.clusterGetKeysInSlot(slot, 100)) {
        List<String> args = new ArrayList<>(List.of(target.peerAddress().getHost(), Integer.toString(target.peerAddress().getPort()), "",
            "0", "5000", "KEYS"));
        args.addAll(keys);
        from.sendCommand(Protocol.Command.MIGRATE, args.toArray(String[]::new));
        moved += keys.size();
      }
      List<DataNode> order = new ArrayList<>(List.of(target, source)); // the target first, so that it never answers MOVED back
      primaries.stream().filter(p -> !order.contains(p)).forEach(order::add);
      for (DataNode p : order) {
        try (Jedis j = p.jedis()) {
          j.sendCommand(Protocol.Command.CLUSTER, "SETSLOT", s, "NODE", c.id(target));
        }
      }
      return ClusterFault.healed(this, c, source, "moved slot " + slot + " (" + moved + " keys) from " + source.name() + " to " + target.name(), t0);
    }
  }
}
