package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#MULTI_HEAL}. */
class MultiHealCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.MULTI_HEAL;
  }
}
