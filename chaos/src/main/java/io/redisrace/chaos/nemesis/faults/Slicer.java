package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;

/** {@code slicer}: upstream {@code slicer} 8-byte slices 5 ms apart: the commit trickles in. */
public final class Slicer extends ToxicFault {
  public Slicer() {
    super("slicer", "upstream slicer: 8-byte slices 5 ms apart", Step.COMMIT_SENDING,
        "request in 8-byte slices");
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    return t.proxy().toxics().slicer("slicer", ToxicDirection.UPSTREAM, 8, 0).setDelay(5000);
  }
}
