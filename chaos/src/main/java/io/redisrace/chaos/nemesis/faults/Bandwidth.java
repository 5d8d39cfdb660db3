package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** {@code bandwidth}: upstream {@code bandwidth} 1 KB/s. */
public final class Bandwidth implements Fault {
  @Override
  public String id() {
    return "bandwidth";
  }

  @Override
  public String summary() {
    return "upstream bandwidth 1 KB/s";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> t.proxy().toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1),
        () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)), "upstream 1 KB/s");
  }
}
