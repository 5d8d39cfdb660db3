package io.redisrace.topology;

import io.redisrace.HasId;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One server or network fault of a {@link SentinelTopology}, registered by id
 * ({@link TopologyFaults}: one class per fault under {@code topology/faults/}, listed in
 * {@code META-INF/services/io.redisrace.topology.TopologyFault}). {@link #strike} puts the fault in
 * place, runs {@code whileStruck} (a workload, a competitor, a probe write) while it holds, heals
 * it, and returns only once the topology is healthy again or the heal bound has passed: a trial on
 * this topology ends healthy or is recorded as not healed. docs/sentinel.md gives each fault's
 * exact edges.
 */
public interface TopologyFault extends HasId {

  /** How long a heal may take before the topology is recorded as not healed. */
  Duration HEAL_BOUND = Duration.ofSeconds(40);

  /** One line: what the fault does. */
  String summary();

  /**
   * How long {@code whileStruck} may take without changing what the fault is: as long as it likes by
   * default; {@code primary-crash-restart} must restart the primary before Sentinel's
   * {@code down-after-milliseconds}, or it becomes a failover.
   */
  default Duration window(SentinelTopology t) {
    return HEAL_BOUND;
  }

  /** Strikes {@code t}, runs {@code whileStruck} while the fault holds, heals and waits for health. */
  Outcome strike(SentinelTopology t, Runnable whileStruck);

  /**
   * What one strike did: {@code what} happened (which node was primary before and after), and
   * {@code notHealed}, the topology's problem when it was not healthy within {@link #HEAL_BOUND};
   * then {@code state} holds what every process reported at that moment and the Sentinels' log lines
   * since the strike (empty when healed).
   */
  record Outcome(String fault, String primaryBefore, String primaryAfter, String what, Optional<String> notHealed, Duration took,
      List<String> state) {
    public Outcome(String fault, String primaryBefore, String primaryAfter, String what, Optional<String> notHealed, Duration took) {
      this(fault, primaryBefore, primaryAfter, what, notHealed, took, List.of());
    }

    public boolean healed() {
      return notHealed.isEmpty();
    }

    public boolean failedOver() {
      return !primaryBefore.equals(primaryAfter);
    }
  }

  /** Waits for health after a heal and builds the outcome; shared by every fault. */
  static Outcome healed(TopologyFault f, SentinelTopology t, DataNode before, String what, long startedNanos) {
    Optional<String> problem = t.awaitHealthy(HEAL_BOUND);
    Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
    List<String> state = problem.isEmpty() ? List.of() : TopologyHealth.state(t, LocalDateTime.now().minus(took));
    return new Outcome(f.id(), before.name(), t.primary().name(), what, problem, took, state);
  }

  /** Waits until the Sentinels name a primary other than {@code old}; false after {@link #HEAL_BOUND}. */
  static boolean awaitPromotion(SentinelTopology t, DataNode old) {
    long deadline = System.nanoTime() + HEAL_BOUND.toNanos();
    while (t.primary() == old) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      SentinelTopology.pause(50);
    }
    return true;
  }
}
