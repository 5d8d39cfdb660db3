package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.time.Duration;

/**
 * {@code reset_peer} (RST): upstream {@code reset_peer} timeout 0: the next request A sends is
 * swallowed and both sides of the connection get an RST; held until healed.
 */
public final class ResetPeer extends ToxicFault {
  public ResetPeer() {
    super("reset_peer", "upstream reset_peer: next request swallowed, RST both ways", Step.ROWS_READ,
        "next request swallowed, RST", Duration.ofMillis(300));
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    return t.proxy().toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
  }

  @Override
  protected boolean effect(Target t) {
    return Nemesis.lockGone(t);
  }
}
