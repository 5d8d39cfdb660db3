package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.util.List;

/**
 * {@code slow_close}: {@code slow_close} 1000 ms both ways, then SIGKILL: Redis learns 1 s late that
 * A is gone (its connection name lingers).
 */
public final class SlowClose implements Fault {
  @Override
  public String id() {
    return "slow_close";
  }

  @Override
  public String summary() {
    return "slow_close 1 s both ways, then SIGKILL";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.ROWS_READ);
  }

  @Override
  public boolean kills() {
    return true;
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    t.proxy().toxics().slowClose("slow-up", ToxicDirection.UPSTREAM, 1000);
    t.proxy().toxics().slowClose("slow-down", ToxicDirection.DOWNSTREAM, 1000);
    return Nemesis.kill(t, "killed; its connection closes 1 s late");
  }
}
