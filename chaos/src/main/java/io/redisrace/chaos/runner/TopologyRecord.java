package io.redisrace.chaos.runner;

import io.redisrace.chaos.checker.Checker;
import io.redisrace.chaos.history.History;
import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.workload.Workload;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * Which node held what when, for the trial record's {@code topology} (Sentinel and cluster): the
 * primary before the fault, after it (on a cluster: the primary serving the trial keys' slot), whether the topology was healthy again, the acknowledged chunks that
 * were missing on the primary right after the heal (before any re-run could load them again), and
 * every node's list length at the end, and under Sentinel each Sentinel's failover events of the trial. Nothing for one server.
 */
final class TopologyRecord {
  private final Deployment deployment;
  private final Map<String, Object> record = new LinkedHashMap<>();
  /** When the trial began, in the local time of the servers' log lines (a second early: their clock is read apart from ours). */
  private final LocalDateTime start = LocalDateTime.now().minusSeconds(1);

  TopologyRecord(Deployment deployment) {
    this.deployment = deployment;
    if (deployment.replicated()) {
      record.put("primaryBefore", deployment.primaryName());
    }
  }

  /**
   * Once the fault healed: waits for health (bounded), and returns a connection to the primary now
   * ({@code admin} closed), after recording the primary and what it lacks of the acknowledged commits.
   */
  Jedis afterStrike(Jedis admin, LoaderKeys keys, Workload workload, LoaderVariant variant, History history) {
    if (!deployment.replicated()) {
      return admin;
    }
    Optional<String> problem = deployment.awaitHealthy();
    record.put("healed", problem.isEmpty());
    problem.ifPresent(p -> record.put("notHealed", p));
    record.put("primaryAfter", deployment.primaryName());
    admin.close();
    Jedis now = deployment.admin();
    List<String> list = now.lrange(keys.list(), 0, -1);
    byte[] bits = now.get(keys.done().getBytes(StandardCharsets.UTF_8));
    List<Integer> lost = Checker.check(workload.rows(), workload.chunkSize(), variant.marksChunks(), list, TrialRunner.redisBits(bits),
        history.ops()).ackedButLost();
    record.put("lostAtHeal", lost);
    record.put("listAtHeal", list.size());
    Map<String, Object> detail = new LinkedHashMap<>(record);
    history.add("nemesis", Op.Type.info, problem.isEmpty() ? "healthy" : "not-healed", deployment.primaryName(), detail);
    return now;
  }

  /**
   * The record at the end of the trial (each node's length of the list; under Sentinel also each
   * Sentinel's failover events since the trial began: which Sentinel promoted or converted which
   * node, and when), null for one server.
   */
  Map<String, Object> atEnd(LoaderKeys keys) {
    if (!deployment.replicated()) {
      return null;
    }
    record.put("listLengths", deployment.listLengths(keys.list()));
    deployment.topology().ifPresent(t -> {
      Map<String, List<String>> events = new LinkedHashMap<>();
      t.sentinels().forEach(s -> events.put(s.name(), s.events(start)));
      record.put("sentinelEvents", events);
    });
    return record;
  }

  /** False only when a topology was recorded as not healed. */
  static boolean healed(Map<String, Object> topology) {
    return topology == null || !Boolean.FALSE.equals(topology.get("healed"));
  }
}
