package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.OneStepFault;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.Step;
import java.io.IOException;

/**
 * {@code lost_reply}: downstream {@code timeout} 0 drops every reply from the commit on; once the
 * commit is seen in Redis (Lettuce pipelines MULTI..EXEC, so it lands; Jedis waits for MULTI's
 * reply, so it does not and times out) the proxy drops every connection (disable, FIN) and takes
 * new ones again once the competitor is done. Lettuce (at-least-once) reconnects and replays the
 * whole pending transaction.
 */
public final class LostReply extends OneStepFault {
  public LostReply() {
    super("lost_reply", "reply dropped after the commit applied, then connections dropped (FIN)", Step.COMMIT_SENDING);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
    Nemesis.dropReplies(t);
    long before = Nemesis.listLength(t);
    t.a().holdAt(Step.COMMIT_RETRY, t.chunk());
    t.a().release();
    // Jedis reads MULTI's reply before it sends the rest: with no replies its commit never lands.
    boolean landed = Nemesis.await(() -> Nemesis.committed(t, before) || t.a().events().stream().anyMatch(e -> e.chunk() == t.chunk()
        && (e.step() == Step.COMMIT_FAILED || e.step() == Step.COMMIT_RETRY)), Nemesis.EFFECT_BOUND) && Nemesis.committed(t, before);
    t.proxy().disable();
    t.history().add("nemesis", Op.Type.info, "disconnect", "lost_reply");
    t.runCompetitor().get();
    Nemesis.heal(t);
    t.a().release();
    return new Nemesis.Strike(landed, landed ? "commit applied, reply lost, connection dropped" : "the commit was not seen in Redis");
  }
}
