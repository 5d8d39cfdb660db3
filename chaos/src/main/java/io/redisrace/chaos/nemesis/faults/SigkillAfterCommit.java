package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.nemesis.KillFault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.Step;
import java.io.IOException;

/**
 * {@code sigkill-after-commit}: replies dropped (downstream {@code timeout}, timeout 0), the commit
 * is seen in Redis, then SIGKILL: applied, never acknowledged.
 */
public final class SigkillAfterCommit extends KillFault {
  public SigkillAfterCommit() {
    super("sigkill-after-commit", "SIGKILL after the commit applied, reply dropped", Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    Nemesis.dropReplies(t);
    long before = Nemesis.listLength(t);
    t.a().release();
    boolean landed = Nemesis.await(() -> Nemesis.committed(t, before), Nemesis.EFFECT_BOUND);
    Nemesis.Strike k = Nemesis.kill(t, landed ? "killed after the commit applied" : "killed; the commit was not seen in Redis");
    return new Nemesis.Strike(k.applied() && landed, k.note());
  }
}
