package io.redisrace.topology;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * One data node's {@code INFO replication}, asked on its own port (no proxy), and the two checks
 * that the Sentinel and the cluster health share: a primary with its replicas online, and a replica
 * that follows its primary (through the primary's peer proxy) with the link up and done syncing.
 */
record Replication(DataNode node, Map<String, String> fields) {

  static Replication of(DataNode node) {
    try (Jedis j = node.jedis()) {
      return new Replication(node, fields(j.info("replication")));
    }
  }

  String role() {
    return fields.getOrDefault("role", "?");
  }

  /** Empty when the node is a primary with {@code replicas} online replicas, else the problem as a phrase. */
  Optional<String> primaryProblem(int replicas) {
    long online = fields.entrySet().stream()
        .filter(e -> e.getKey().matches("slave\\d+") && e.getValue().contains("state=online")).count();
    return "master".equals(role()) && online == replicas ? Optional.empty()
        : Optional.of(node.name() + " is " + role() + " with " + online + " online replicas, not a primary with " + replicas);
  }

  /** Empty when the node replicates {@code primary} with its link up and no sync in progress, else the problem. */
  Optional<String> replicaProblem(DataNode primary) {
    boolean follows = "slave".equals(role())
        && String.valueOf(primary.peerAddress().getPort()).equals(fields.get("master_port"))
        && "up".equals(fields.get("master_link_status"))
        && "0".equals(fields.get("master_sync_in_progress"));
    return follows ? Optional.empty()
        : Optional.of(node.name() + " does not replicate " + primary.name() + " (role " + role() + ", link "
            + fields.get("master_link_status") + ")");
  }

  /** INFO's "key:value" lines as a map. */
  static Map<String, String> fields(String info) {
    Map<String, String> map = new LinkedHashMap<>();
    info.lines().filter(l -> l.indexOf(':') > 0 && !l.startsWith("#"))
        .forEach(l -> map.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1).trim()));
    return map;
  }
}
