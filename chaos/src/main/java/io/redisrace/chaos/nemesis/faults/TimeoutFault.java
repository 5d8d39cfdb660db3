package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code timeout} (FIN): upstream {@code timeout} 500 ms: requests dropped, then the proxy closes
 * the connection with a FIN 500 ms after the toxic is set.
 */
public final class TimeoutFault extends ToxicFault {
  public TimeoutFault() {
    super("timeout", "upstream timeout 500 ms: data dropped, FIN after 500 ms", Step.ROWS_READ,
        "requests dropped, FIN after 500 ms", Duration.ofMillis(800));
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    return t.proxy().toxics().timeout("timeout", ToxicDirection.UPSTREAM, 500);
  }
}
