package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#MULTI}. */
class MultiCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.MULTI;
  }
}
