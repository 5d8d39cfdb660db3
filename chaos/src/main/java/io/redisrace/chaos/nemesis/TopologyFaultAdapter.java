package io.redisrace.chaos.nemesis;

import io.redisrace.HarnessException;
import io.redisrace.chaos.history.Op;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TopologyFault} (one class under {@code io.redisrace.topology.faults}) as a chaos fault of
 * the same id, for {@code --topology sentinel}: loader A is held at {@code rows-read} of the planned
 * chunk (its rows read, its commit not sent), the topology fault is struck, and while it holds A is
 * let go to send its commit and held again once the commit is acknowledged (or has failed), the
 * competitors run, then the fault heals and the topology is healthy again (or the history says "not
 * healed"). So the commit lands exactly inside the fault: on a primary cut from its replicas
 * (minority-primary), on a dead primary (the crash faults), on a stopped one (primary-pause).
 * A fault whose {@link TopologyFault#window} is short (primary-crash-restart) waits for A's outcome
 * only that long, and its competitors run after the heal.
 * {@link Faults#forTopology} makes one per registered topology fault; none is written by hand.
 */
public final class TopologyFaultAdapter implements Fault {
  private final TopologyFault fault;

  public TopologyFaultAdapter(TopologyFault fault) {
    this.fault = fault;
  }

  public TopologyFault topologyFault() {
    return fault;
  }

  @Override
  public String id() {
    return fault.id();
  }

  @Override
  public String summary() {
    return fault.summary() + "; A commits while it holds";
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
    if (t.topology() == null) {
      throw new HarnessException("Fault " + id() + " strikes a Sentinel topology; run it with --topology sentinel.");
    }
    boolean[] seen = new boolean[1];
    Duration window = fault.window(t.topology());
    boolean longWindow = window.compareTo(Nemesis.EFFECT_BOUND) >= 0;
    TopologyFault.Outcome o = fault.strike(t.topology(), () -> {
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
    t.history().add("nemesis", Op.Type.info, o.healed() ? "healed" : "not-healed", o.what(), detail);
    return new Nemesis.Strike(true, o.what() + ", primary " + o.primaryBefore() + " -> " + o.primaryAfter()
        + (seen[0] ? "" : " (no commit outcome while it held)") + (o.healed() ? "" : "; not healed: " + o.notHealed().get()));
  }
}
