package io.redisrace.chaos.nemesis.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.nemesis.ToxicFault;
import io.redisrace.loader.Step;
import java.io.IOException;

/**
 * {@code limit_data} (FIN): downstream {@code limit_data} of the commit's earlier replies plus one
 * byte ({@link Nemesis#cutLastReply}): the commit runs in Redis, the reply that acknowledges it is
 * cut after its first byte, then FIN: a lost reply by a clean close.
 */
public final class LimitData extends ToxicFault {
  public LimitData() {
    super("limit_data", "downstream limit_data: commit applied, its acknowledging reply cut, FIN", Step.COMMIT_SENDING,
        "commit delivered, its last reply cut, FIN");
  }

  @Override
  protected Object addToxic(Target t) throws IOException {
    return t.proxy().toxics().limitData("limit", ToxicDirection.DOWNSTREAM, Nemesis.cutLastReply(t.variant()));
  }
}
