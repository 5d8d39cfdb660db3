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

/** {@code slicer}: upstream {@code slicer} 8-byte slices 5 ms apart: the commit trickles in. */
public final class Slicer implements Fault {
  @Override
  public String id() {
    return "slicer";
  }

  @Override
  public String summary() {
    return "upstream slicer: 8-byte slices 5 ms apart";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> t.proxy().toxics().slicer("slicer", ToxicDirection.UPSTREAM, 8, 0).setDelay(5000),
        () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)), "request in 8-byte slices");
  }
}
