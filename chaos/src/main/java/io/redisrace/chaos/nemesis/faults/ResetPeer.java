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
 * {@code reset_peer} (RST): upstream {@code reset_peer} timeout 0: the next request A sends is
 * swallowed and both sides of the connection get an RST; held until healed.
 */
public final class ResetPeer implements Fault {
  @Override
  public String id() {
    return "reset_peer";
  }

  @Override
  public String summary() {
    return "upstream reset_peer: next request swallowed, RST both ways";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.ROWS_READ);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    return Nemesis.network(t, () -> t.proxy().toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0),
        () -> Nemesis.lockGone(t), Duration.ofMillis(300), "next request swallowed, RST");
  }
}
