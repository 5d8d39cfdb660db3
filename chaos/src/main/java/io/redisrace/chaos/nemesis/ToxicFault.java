package io.redisrace.chaos.nemesis;

import io.redisrace.loader.Step;
import java.io.IOException;
import java.time.Duration;

/**
 * A connection fault of one toxic on A's proxy, at one step: {@link Nemesis#network} sets it, lets
 * A run into it, waits for an outcome (for a bound, or until {@link #effect} holds), runs
 * the competitor and heals.
 */
public abstract class ToxicFault extends OneStepFault {
  private final String note;
  private final Duration bound;

  /** A toxic fault that waits at most the client timeout plus 1 s for an outcome. */
  protected ToxicFault(String id, String summary, Step phase, String note) {
    this(id, summary, phase, note, null);
  }

  /** A toxic fault that waits at most {@code bound} for an outcome. */
  protected ToxicFault(String id, String summary, Step phase, String note, Duration bound) {
    super(id, summary, phase);
    this.note = note;
    this.bound = bound;
  }

  /** Sets the toxic on {@code t.proxy()}. */
  protected abstract Object addToxic(Target t) throws IOException;

  /** A state that counts as the fault's outcome besides A's own report; none unless overridden. */
  protected boolean effect(Target t) {
    return false;
  }

  /** What the strike did, said after the heal; the toxic's own strike as it is unless overridden. */
  protected Nemesis.Strike outcome(Target t, Nemesis.Strike struck) {
    return struck;
  }

  @Override
  public final Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    Duration wait = bound != null ? bound : t.clientTimeout().plus(Duration.ofMillis(1000));
    return outcome(t, Nemesis.network(t, () -> addToxic(t), () -> effect(t), wait, note));
  }
}
