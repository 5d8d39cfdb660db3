package io.redisrace.topology;

import java.util.List;
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

  /** The node every Sentinel names as primary with no failover in progress; empty while they disagree or one does not answer. */
  static Optional<DataNode> agreedPrimary(SentinelTopology t) {
    try {
      return agreementProblem(t).isEmpty() ? Optional.of(t.primary()) : Optional.empty();
    } catch (JedisException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /**
   * Empty when every Sentinel names the same primary, a node of the topology, with flags
   * {@code master} alone (not down, no failover in progress), else the first disagreement.
   */
  static Optional<String> agreementProblem(SentinelTopology t) {
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
      }
    }
    HostAndPort named = primary;
    if (t.nodes().stream().noneMatch(n -> n.peerAddress().equals(named))) {
      return Optional.of("the Sentinels' primary " + named + " is no node of the topology");
    }
    return Optional.empty();
  }

  private static Optional<String> sentinelsProblem(SentinelTopology t) {
    return agreementProblem(t).or(() -> {
      for (SentinelNode s : t.sentinels()) {
        try (Jedis j = s.jedis()) {
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
      return Optional.empty();
    });
  }

  private static Optional<String> replicationProblem(SentinelTopology t) {
    DataNode primary = t.primary();
    for (DataNode n : t.nodes()) {
      if (!n.isRunning()) {
        return Optional.of(n.name() + " is not running");
      }
      Replication r = Replication.of(n);
      Optional<String> problem = n == primary ? r.primaryProblem(2) : r.replicaProblem(primary);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}
