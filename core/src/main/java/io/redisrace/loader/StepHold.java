package io.redisrace.loader;

import java.util.Map;

/**
 * Where a loader reports a {@link Step} and may be held there. {@link #NONE} reports nothing (a
 * loader on its own, or a benchmark); {@link ControlChannel} sends the event to the harness and
 * blocks until the harness answers, so that a test decides exactly when the loader goes on.
 */
public interface StepHold extends AutoCloseable {

  /** Reports that the loader reached {@code step} for {@code chunk} (-1: no chunk) and waits until released. */
  void at(Step step, int chunk, Map<String, Object> detail);

  @Override
  default void close() {}

  StepHold NONE = (step, chunk, detail) -> {};
}
