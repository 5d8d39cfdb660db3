package io.redisrace.chaos.nemesis;

import io.redisrace.loader.Step;
import java.io.IOException;
import java.time.Duration;

/**
 * A connection fault of one toxic on A's proxy, at one step: {@link Nemesis#network} sets it, lets
 * A run into it, waits for an outcome (at most {@link #bound}, or until {@link #effect} holds), runs
 * the competitor and heals.
 */
public abstract class ToxicFault extends OneStepFault {
  private final String note;

  protected ToxicFault(String id, String summary, Step phase, String note) {
    super(id, summary, phase);
    this.note = note;
  }

  /** Sets the toxic on {@code t.proxy()}. */
  protected abstract Object addToxic(Target t) throws IOException;

  /** A state that counts as the fault's outcome besides A's own report; none unless overridden. */
  protected boolean effect(Target t) {
    return false;
  }

  /** How long to wait for an outcome before the heal: the client timeout plus 1 s unless overridden. */
  protected Duration bound(Target t) {
    return t.clientTimeout().plus(Duration.ofMillis(1000));
  }

  @Override
  public final Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> addToxic(t), () -> effect(t), bound(t), note);
  }
}
