package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;

/** {@code latency}: downstream {@code latency} = client timeout + 500 ms: every reply arrives after the client gave up on it. */
public final class Latency extends ToxicFault {
  public Latency() {
    super("latency", "downstream latency longer than the client timeout", Step.COMMIT_SENDING,
        "reply later than the client timeout");
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    return t.proxy().toxics().latency("late", ToxicDirection.DOWNSTREAM, t.clientTimeout().toMillis() + 500);
  }
}
