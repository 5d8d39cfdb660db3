package io.redisrace.counter;

/** The counter contract for {@link BuiltInVariant#LUA_HEAL}. */
class LuaHealCounterIntegrationTests extends CounterContract {
  @Override
  protected CounterVariant variant() {
    return BuiltInVariant.LUA_HEAL;
  }
}
