package io.redisrace.chaos.nemesis;

import io.redisrace.loader.Step;

/**
 * A fault that ends with SIGKILL of loader A ({@link Nemesis#kill}), at one step; the supervisor
 * restarts A. A subclass sets the scene before the kill in its {@link #strike}.
 */
public abstract class KillFault extends OneStepFault {
  protected KillFault(String id, String summary, Step phase) {
    super(id, summary, phase);
  }

  @Override
  public final boolean kills() {
    return true;
  }
}
