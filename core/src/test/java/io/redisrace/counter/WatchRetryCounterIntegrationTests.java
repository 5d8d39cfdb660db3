package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#WATCH_RETRY}. */
class WatchRetryCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.WATCH_RETRY;
  }
}
