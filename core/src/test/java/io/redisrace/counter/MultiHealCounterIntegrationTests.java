package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#MULTI_HEAL}. */
class MultiHealCounterIntegrationTests extends CounterContract {
  @Override
  CounterVariant variant() {
    return BuiltInVariant.MULTI_HEAL;
  }
}
