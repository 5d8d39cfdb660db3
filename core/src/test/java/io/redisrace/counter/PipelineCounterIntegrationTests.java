package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#PIPELINE}. */
class PipelineCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.PIPELINE;
  }
}
