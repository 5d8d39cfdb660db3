package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.List;

/**
 * {@code sigstop}: SIGSTOP at any step of the variant before its commit (after GETBIT, after the
 * lock, after reading; {@link LoaderVariant#stepsBeforeCommit()}), the competitor runs, then
 * SIGCONT: a long GC pause.
 */
public final class Sigstop implements Fault {
  @Override
  public String id() {
    return "sigstop";
  }

  @Override
  public String summary() {
    return "SIGSTOP at the held step while the competitor runs, then SIGCONT";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return variant.stepsBeforeCommit();
  }

  @Override
  public Nemesis.Strike strike(Target t) throws InterruptedException {
    t.a().signal("STOP");
    // kill(2) returns before every thread has stopped: wait until the kernel shows them all stopped.
    boolean stopped = Nemesis.await(() -> Nemesis.allThreadsStopped(t.a().child().pid()), Nemesis.EFFECT_BOUND);
    t.history().add("nemesis", Op.Type.info, "stopped", stopped);
    t.a().release();
    boolean b = t.runCompetitor().get();
    t.a().signal("CONT");
    return new Nemesis.Strike(true, b ? "paused while the competitor ran" : "paused (no competitor)");
  }
}
