package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.nemesis.KillFault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.Step;

/** {@code sigkill-reading}: SIGKILL while A holds the chunk's rows in memory (nothing written). */
public final class SigkillReading extends KillFault {
  public SigkillReading() {
    super("sigkill-reading", "SIGKILL with the chunk's rows read, nothing written", Step.ROWS_READ);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws InterruptedException {
    return Nemesis.kill(t, "killed with the rows read");
  }
}
