package io.redisrace.topology;

import java.time.LocalDateTime;
import java.util.ArrayList;
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
          List<Map<String, String>> seen = j.sentinelReplicas(t.masterName());
          long replicas = seen.stream().filter(r -> "slave".equals(r.get("flags"))).count();
          if (replicas != 2) {
            return Optional.of(s.name() + " sees " + replicas + " healthy replicas, not 2");
          }
          // A Sentinel INFOs a replica every 10 s; until its last INFO says slave, its view is stale:
          // a node restarted as a primary and converted since still "reports master" there, and a
          // promotion of that node within 10 s looks to this Sentinel like a primary for 8 s
          // already, which it converts back to a replica at once (docs/sentinel.md).
          Optional<Map<String, String>> stale = seen.stream().filter(r -> !"slave".equals(r.get("role-reported"))).findFirst();
          if (stale.isPresent()) {
            return Optional.of(s.name() + " last saw replica " + stale.get().get("ip") + ":" + stale.get().get("port") + " report role "
                + stale.get().get("role-reported"));
          }
          List<Map<String, String>> peers = j.sentinelSentinels(t.masterName());
          long others = peers.stream().filter(o -> upSentinel(o.get("flags"))).count();
          if (others != 2) {
            return Optional.of(s.name() + " sees " + others + " other Sentinels, not 2" + (peers.isEmpty() ? "" : " ("
                + String.join(", ", peers.stream().map(o -> o.get("ip") + ":" + o.get("port") + " flags " + o.get("flags")).toList()) + ")"));
          }
        }
      }
      return Optional.empty();
    });
  }

  /**
   * A peer Sentinel that answers: flagged {@code sentinel}, and perhaps {@code master_down}, which is
   * only its last answer to "is the primary down?" and which Valkey 9 leaves set after a failover
   * (Redis clears it), not {@code s_down} or {@code disconnected}.
   */
  static boolean upSentinel(String flags) {
    return flags != null && java.util.Arrays.stream(flags.split(",")).filter(f -> !f.equals("master_down")).toList().equals(List.of("sentinel"));
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

  private static final List<String> SENTINEL_FIELDS = List.of("flags", "role-reported", "role-reported-time", "last-ok-ping-reply",
      "last-ping-reply", "link-pending-commands", "info-refresh", "config-epoch", "failover-state");
  private static final List<String> NODE_FIELDS = List.of("role", "master_port", "master_link_status", "master_sync_in_progress",
      "connected_slaves", "master_replid");

  /**
   * What each Sentinel says of its primary, what each node says of its replication, and each
   * Sentinel's log lines since {@code since} (its last 20): one line each. A strike that did not heal
   * carries these, so its failure can be explained from the report alone: the processes and their
   * logs are gone once the topology closes.
   */
  static List<String> state(SentinelTopology t, LocalDateTime since) {
    List<String> lines = new ArrayList<>();
    for (SentinelNode s : t.sentinels()) {
      try (Jedis j = s.jedis()) {
        Map<String, String> m = j.sentinelMaster(t.masterName());
        HostAndPort named = new HostAndPort(m.get("ip"), Integer.parseInt(m.get("port")));
        String node = t.nodes().stream().filter(n -> n.peerAddress().equals(named)).map(DataNode::name).findFirst().orElse("no node");
        lines.add(s.name() + " sees primary " + named + " (" + node + "): " + pick(m, SENTINEL_FIELDS));
      } catch (RuntimeException e) {
        lines.add(s.name() + " does not answer SENTINEL MASTER (" + e.getMessage() + ")");
      }
    }
    for (DataNode n : t.nodes()) {
      try (Jedis j = n.jedis()) {
        lines.add(n + ": " + pick(Replication.fields(j.info("replication")), NODE_FIELDS));
      } catch (RuntimeException e) {
        lines.add(n + " does not answer INFO (" + e.getMessage() + ")");
      }
    }
    for (SentinelNode s : t.sentinels()) {
      List<String> log = s.logSince(since);
      log.subList(Math.max(0, log.size() - 20), log.size()).forEach(l -> lines.add(s.name() + " log: " + l));
    }
    return lines;
  }

  private static String pick(Map<String, String> fields, List<String> keys) {
    StringBuilder b = new StringBuilder();
    for (String k : keys) {
      if (fields.containsKey(k)) {
        b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(fields.get(k));
      }
    }
    return b.toString();
  }
}
