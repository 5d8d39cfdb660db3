package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.KillFault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.Step;
import java.io.IOException;

/**
 * {@code slow_close}: {@code slow_close} 1000 ms both ways, then SIGKILL: Redis learns 1 s late that
 * A is gone (its connection name lingers).
 */
public final class SlowClose extends KillFault {
  public SlowClose() {
    super("slow_close", "slow_close 1 s both ways, then SIGKILL", Step.ROWS_READ);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    t.proxy().toxics().slowClose("slow-up", ToxicDirection.UPSTREAM, 1000);
    t.proxy().toxics().slowClose("slow-down", ToxicDirection.DOWNSTREAM, 1000);
    return Nemesis.kill(t, "killed; its connection closes 1 s late");
  }
}
