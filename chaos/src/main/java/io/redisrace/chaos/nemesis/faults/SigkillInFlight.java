package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.KillFault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.Step;
import java.io.IOException;

/**
 * {@code sigkill-in-flight}: SIGKILL ~100 ms after A wrote its commit into a 400 ms upstream
 * {@code latency}: the request is in the proxy; it may or may not reach Redis.
 */
public final class SigkillInFlight extends KillFault {
  public SigkillInFlight() {
    super("sigkill-in-flight", "SIGKILL with the commit inside a 400 ms upstream latency", Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    t.proxy().toxics().latency("in-flight", ToxicDirection.UPSTREAM, 400);
    t.a().release();
    // A writes its commit at once; the proxy holds it for 400 ms.
    Thread.sleep(100);
    return Nemesis.kill(t, "killed with the commit in the proxy");
  }
}
