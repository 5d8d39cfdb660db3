package com.example.race;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.Outcome;
import java.util.List;
import redis.clients.jedis.Jedis;

/** This project's fix: the three commands in one script, which reads one clock for expiry. */
public final class ExampleLuaCounter implements CounterVariant {
  static final String SCRIPT = "redis.call('SET', KEYS[1], '0', 'NX', 'PX', ARGV[1])\n"
      + "local v = redis.call('INCR', KEYS[1])\n"
      + "return {v, redis.call('PTTL', KEYS[1])}\n";

  @Override
  public String id() {
    return "example-lua";
  }

  @Override
  public String description() {
    return "SET NX PX, INCR and PTTL in one EVAL";
  }

  @Override
  public Counter jedis(Jedis jedis, long ttlMs) {
    String ttl = Long.toString(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        return outcome((List<?>) jedis.eval(SCRIPT, List.of(key), List.of(ttl)));
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  @Override
  public Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs) {
    RedisCommands<String, String> redis = connection.sync();
    String ttl = Long.toString(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        List<Object> reply = redis.eval(SCRIPT, ScriptOutputType.MULTI, new String[] {key}, ttl);
        return outcome(reply);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }

  private static Outcome outcome(List<?> reply) {
    return new Outcome(((Number) reply.get(0)).longValue(), ((Number) reply.get(1)).longValue(), 0);
  }
}
