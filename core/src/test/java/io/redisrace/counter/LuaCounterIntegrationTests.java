package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#LUA}. */
class LuaCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.LUA;
  }
}
