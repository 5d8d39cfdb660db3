package io.redisrace.topology;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Whether a {@link SentinelTopology} is healthy, asked of every process directly (no proxy): all
 * Sentinels name the same primary, which is a node of the topology and not down, and each sees the
 * other two Sentinels and two replicas that are up; the primary has two online replicas, and each
 * replica's link to it (through the primary's peer proxy) is up and done syncing.
 */
final class TopologyHealth {
  private TopologyHealth() {}

  /** Empty when healthy, else the first problem found, as a phrase ("sentinel-2 sees 1 replica"). */
  static Optional<String> problem(SentinelTopology t) {
    try {
      return sentinelsProblem(t).or(() -> replicationProblem(t));
    } catch (JedisException e) {
      return Optional.of("a process does not answer (" + e.getMessage() + ")");
    }
  }

  private static Optional<String> sentinelsProblem(SentinelTopology t) {
    HostAndPort primary = null;
    for (SentinelNode s : t.sentinels()) {
      try (Jedis j = s.jedis()) {
        List<String> addr = j.sentinelGetMasterAddrByName(t.masterName());
        HostAndPort seen = new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1)));
        if (primary != null && !primary.equals(seen)) {
          return Optional.of(s.name() + " names primary " + seen + ", another Sentinel " + primary);
        }
        primary = seen;
        String flags = j.sentinelMaster(t.masterName()).get("flags");
        if (!"master".equals(flags)) {
          return Optional.of(s.name() + " flags the primary " + flags);
        }
        long replicas = j.sentinelReplicas(t.masterName()).stream().filter(r -> "slave".equals(r.get("flags"))).count();
        if (replicas != 2) {
          return Optional.of(s.name() + " sees " + replicas + " healthy replicas, not 2");
        }
        long others = j.sentinelSentinels(t.masterName()).stream().filter(o -> "sentinel".equals(o.get("flags"))).count();
        if (others != 2) {
          return Optional.of(s.name() + " sees " + others + " other Sentinels, not 2");
        }
      }
    }
    HostAndPort named = primary;
    if (t.nodes().stream().noneMatch(n -> n.peerAddress().equals(named))) {
      return Optional.of("the Sentinels' primary " + named + " is no node of the topology");
    }
    return Optional.empty();
  }

  private static Optional<String> replicationProblem(SentinelTopology t) {
    DataNode primary = t.primary();
    for (DataNode n : t.nodes()) {
      if (!n.isRunning()) {
        return Optional.of(n.name() + " is not running");
      }
      Map<String, String> info;
      try (Jedis j = n.jedis()) {
        info = fields(j.info("replication"));
      }
      if (n == primary) {
        long online = info.entrySet().stream()
            .filter(e -> e.getKey().matches("slave\\d+") && e.getValue().contains("state=online")).count();
        if (!"master".equals(info.get("role")) || online != 2) {
          return Optional.of(n.name() + " is " + info.get("role") + " with " + online + " online replicas, not the primary of 2");
        }
      } else {
        boolean follows = "slave".equals(info.get("role"))
            && String.valueOf(primary.peerAddress().getPort()).equals(info.get("master_port"))
            && "up".equals(info.get("master_link_status"))
            && "0".equals(info.get("master_sync_in_progress"));
        if (!follows) {
          return Optional.of(n.name() + " does not replicate " + primary.name() + " (role " + info.get("role") + ", link "
              + info.get("master_link_status") + ")");
        }
      }
    }
    return Optional.empty();
  }

  /** INFO's "key:value" lines as a map. */
  static Map<String, String> fields(String info) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    info.lines().filter(l -> l.indexOf(':') > 0 && !l.startsWith("#"))
        .forEach(l -> map.put(l.substring(0, l.indexOf(':')), l.substring(l.indexOf(':') + 1).trim()));
    return map;
  }
}
