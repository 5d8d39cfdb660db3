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
 * {@code timeout} (FIN): upstream {@code timeout} 500 ms: requests dropped, then the proxy closes
 * the connection with a FIN 500 ms after the toxic is set.
 */
public final class TimeoutFault implements Fault {
  @Override
  public String id() {
    return "timeout";
  }

  @Override
  public String summary() {
    return "upstream timeout 500 ms: data dropped, FIN after 500 ms";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.ROWS_READ);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> t.proxy().toxics().timeout("timeout", ToxicDirection.UPSTREAM, 500),
        () -> false, Duration.ofMillis(800), "requests dropped, FIN after 500 ms");
  }
}
