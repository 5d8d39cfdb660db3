package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.ReplyMeter;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;

/**
 * {@code limit_data} (FIN): downstream {@code limit_data} of the commit's earlier replies plus one
 * byte ({@link Nemesis#cutLastReply}): the commit runs in Redis, the reply that acknowledges it is
 * cut after its first byte, then FIN: a lost reply by a clean close. The limit assumes the
 * variant's commit replies ({@code MULTI}/{@code EXEC} for a black-box loader); a commit whose
 * replies are shorter (a script's {@code :1}) passes it whole, and the cut falls on a later reply
 * or on none. So A connects through a {@link ReplyMeter}, and the strike is applied only when the
 * meter saw a connection reach the limit (or closed by the proxy) while the toxic held; else it
 * is "not triggered", with the bytes that passed, and the trial is no evidence for the cell.
 */
public final class LimitData extends ToxicFault {
  public LimitData() {
    super("limit_data", "downstream limit_data: commit applied, its acknowledging reply cut, FIN", Step.COMMIT_SENDING,
        "commit delivered, its last reply cut, FIN");
  }

  @Override
  public boolean countsReplyBytes() {
    return true;
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    long limit = Nemesis.cutLastReply(t.variant());
    ReplyMeter.of(t.proxy()).ifPresent(m -> m.arm(limit));
    return t.proxy().toxics().limitData("limit", ToxicDirection.DOWNSTREAM, limit);
  }

  @Override
  protected Nemesis.Strike outcome(Target t, Nemesis.Strike struck) {
    long limit = Nemesis.cutLastReply(t.variant());
    boolean acked = t.a().events().stream().anyMatch(e -> e.is(Step.COMMIT_ACKED, t.chunk()));
    return ReplyMeter.of(t.proxy()).map(ReplyMeter::disarm).map(r -> r.cut()
        ? new Nemesis.Strike(true, acked
            ? "commit acknowledged whole; a later reply cut at " + limit + " reply bytes, FIN"
            : struck.note() + " (cut at " + limit + " reply bytes)")
        : new Nemesis.Strike(false, "not triggered: the limit of " + limit + " reply bytes was never reached (at most " + r.maxBytes()
            + " passed on one of A's " + r.connections() + " connection(s) before the heal), so nothing was cut"))
        .orElse(struck);
  }
}
