package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.List;

/** {@code sigkill-reading}: SIGKILL while A holds the chunk's rows in memory (nothing written). */
public final class SigkillReading implements Fault {
  @Override
  public String id() {
    return "sigkill-reading";
  }

  @Override
  public String summary() {
    return "SIGKILL with the chunk's rows read, nothing written";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of(Step.ROWS_READ);
  }

  @Override
  public boolean kills() {
    return true;
  }

  @Override
  public Nemesis.Strike strike(Target t) throws InterruptedException {
    return Nemesis.kill(t, "killed with the rows read");
  }
}
