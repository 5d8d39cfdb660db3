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

/** {@code latency}: downstream {@code latency} = client timeout + 500 ms: every reply arrives after the client gave up on it. */
public final class Latency implements Fault {
  @Override
  public String id() {
    return "latency";
  }

  @Override
  public String summary() {
    return "downstream latency longer than the client timeout";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> t.proxy().toxics().latency("late", ToxicDirection.DOWNSTREAM,
        t.clientTimeout().toMillis() + 500), () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)),
        "reply later than the client timeout");
  }
}
