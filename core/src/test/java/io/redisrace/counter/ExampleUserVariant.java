package io.redisrace.counter;

import io.lettuce.core.api.StatefulRedisConnection;
import redis.clients.jedis.Jedis;

/**
 * A user variant, registered in src/test/resources/META-INF/services, to show (and test) that a
 * variant from outside the harness is found by id. It is the {@code lua} variant under another
 * name; see docs for how to write your own.
 */
public final class ExampleUserVariant implements CounterVariant {
  @Override
  public String id() {
    return "example-user-variant";
  }

  @Override
  public String description() {
    return "the lua variant, registered through ServiceLoader";
  }

  @Override
  public Counter jedis(Jedis connection, long ttlMs) {
    return BuiltInVariant.LUA.jedis(connection, ttlMs);
  }

  @Override
  public Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs) {
    return BuiltInVariant.LUA.lettuce(connection, ttlMs);
  }
}
