package io.redisrace.chaos.nemesis;

import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.List;

/** A fault that hits every variant at one step: its id, its summary and that step, given once. */
public abstract class OneStepFault implements Fault {
  private final String id;
  private final String summary;
  private final Step phase;

  protected OneStepFault(String id, String summary, Step phase) {
    this.id = id;
    this.summary = summary;
    this.phase = phase;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final List<Step> phases(LoaderVariant variant) {
    return List.of(phase);
  }
}
