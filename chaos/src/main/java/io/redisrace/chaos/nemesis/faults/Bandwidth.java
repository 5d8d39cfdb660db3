package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;

/** {@code bandwidth}: upstream {@code bandwidth} 1 KB/s. */
public final class Bandwidth extends ToxicFault {
  public Bandwidth() {
    super("bandwidth", "upstream bandwidth 1 KB/s", Step.COMMIT_SENDING,
        "upstream 1 KB/s");
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    return t.proxy().toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1);
  }
}
