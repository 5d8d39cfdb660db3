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

/**
 * {@code limit_data} (FIN): downstream {@code limit_data} of the commit's earlier replies plus one
 * byte ({@link Nemesis#cutLastReply}): the commit runs in Redis, the reply that acknowledges it is
 * cut after its first byte, then FIN: a lost reply by a clean close.
 */
public final class LimitData implements Fault {
  @Override
  public String id() {
    return "limit_data";
  }

  @Override
  public String summary() {
    return "downstream limit_data: commit applied, its acknowledging reply cut, FIN";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> t.proxy().toxics().limitData("limit", ToxicDirection.DOWNSTREAM,
        Nemesis.cutLastReply(t.variant())), () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)),
        "commit delivered, its last reply cut, FIN");
  }
}
