package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#MULTI}. */
class MultiCounterIntegrationTests extends CounterContract {
  @Override
  CounterVariant variant() {
    return BuiltInVariant.MULTI;
  }
}
