package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#NAIVE}. */
class NaiveCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.NAIVE;
  }
}
