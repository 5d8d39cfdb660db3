package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.List;

/** {@code none}: no fault; A and the competitors run side by side (the fault-free and concurrency cells). */
public final class NoFault implements Fault {
  @Override
  public String id() {
    return "none";
  }

  @Override
  public String summary() {
    return "no fault; loaders run side by side";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    return List.of();
  }

  @Override
  public Nemesis.Strike strike(Target t) {
    return new Nemesis.Strike(false, "no fault");
  }
}
