package io.redisrace.chaos.nemesis;

import io.redisrace.HarnessException;
import io.redisrace.chaos.history.Op;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.Topology;
import io.redisrace.topology.TopologyFault;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TopologyFault} of a Sentinel topology or a {@link ClusterFault} of a cluster (one class
 * each under {@code io.redisrace.topology.faults}) as a chaos fault of the same id, for
 * {@code --topology sentinel} or {@code cluster}: loader A is held at {@code rows-read} of the
 * planned chunk (its rows read, its commit not sent), the fault is struck, and while it holds A is
 * let go to send its commit and held again once the commit is acknowledged (or has failed), the
 * competitors run, then the fault heals and the topology is healthy again (or the history says "not
 * healed"). So the commit lands exactly inside the fault: on a primary cut from its replicas
 * (minority-primary, cluster-isolate-primary), on a dead primary (the crash and kill faults), on a
 * stopped one (primary-pause), on a slot being moved (cluster-slot-migrate).
 * A fault whose {@link TopologyFault#window} is short (primary-crash-restart) waits for A's outcome
 * only that long, and its competitors run after the heal.
 * {@link Faults#forTopology} makes one per registered topology and cluster fault; none is written by hand.
 */
public final class TopologyFaultAdapter implements Fault {
  private final String id;
  private final String summary;
  private final Topology topology;
  private final Function<Target, Duration> window;
  private final BiFunction<Target, Runnable, TopologyFault.Outcome> strike;

  /** A fault of the Sentinel topology. */
  public TopologyFaultAdapter(TopologyFault fault) {
    this(fault.id(), fault.summary(), Topology.SENTINEL, t -> fault.window(t.topology()), (t, r) -> fault.strike(t.topology(), r));
  }

  /** A fault of the cluster, struck on the primary of the slot of the trial's keys ({@link io.redisrace.topology.ClusterTopology#HASH_TAG}). */
  public TopologyFaultAdapter(ClusterFault fault) {
    this(fault.id(), fault.summary(), Topology.CLUSTER, t -> TopologyFault.HEAL_BOUND, (t, r) -> fault.strike(t.cluster(), r));
  }

  private TopologyFaultAdapter(String id, String summary, Topology topology, Function<Target, Duration> window,
      BiFunction<Target, Runnable, TopologyFault.Outcome> strike) {
    this.id = id;
    this.summary = summary;
    this.topology = topology;
    this.window = window;
    this.strike = strike;
  }

  /** The topology the fault strikes: sentinel or cluster. */
  public Topology topology() {
    return topology;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String summary() {
    return summary + "; A commits while it holds";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.ROWS_READ);
  }

  /** It strikes the shared topology: no other trial beside it. */
  @Override
  public boolean exclusive() {
    return true;
  }

  @Override
  public Nemesis.Strike strike(Target t) {
    if (topology == Topology.SENTINEL ? t.topology() == null : t.cluster() == null) {
      throw new HarnessException("Fault " + id() + " strikes " + (topology == Topology.SENTINEL ? "a Sentinel topology" : "a cluster")
          + "; run it with --topology " + topology.id() + ".");
    }
    boolean[] seen = new boolean[1];
    Duration window = this.window.apply(t);
    boolean longWindow = window.compareTo(Nemesis.EFFECT_BOUND) >= 0;
    TopologyFault.Outcome o = strike.apply(t, () -> {
      try {
        t.a().holdAt(Step.COMMIT_ACKED, t.chunk());
        t.a().release();
        seen[0] = Nemesis.awaitOutcome(t, () -> false, longWindow ? Nemesis.EFFECT_BOUND : window);
        if (longWindow) { // else the competitors run after the heal (a JVM start would outlast the window)
          t.runCompetitor().get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("primaryBefore", o.primaryBefore());
    detail.put("primaryAfter", o.primaryAfter());
    detail.put("tookMs", o.took().toMillis());
    o.notHealed().ifPresent(p -> detail.put("notHealed", p));
    if (!o.state().isEmpty()) {
      detail.put("stateWhenNotHealed", o.state());
    }
    t.history().add("nemesis", Op.Type.info, o.healed() ? "healed" : "not-healed", o.what(), detail);
    return new Nemesis.Strike(true, o.what() + ", primary " + o.primaryBefore() + " -> " + o.primaryAfter()
        + (seen[0] ? "" : " (no commit outcome while it held)") + (o.healed() ? "" : "; not healed: " + o.notHealed().get()));
  }
}
