package com.example.race;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.Outcome;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * This project's first try at a volatile counter: three round trips. The key can expire between
 * SET (which found it alive) and INCR, which then re-creates it without a TTL.
 */
public final class ExampleNaiveCounter implements CounterVariant {
  @Override
  public String id() {
    return "example-naive";
  }

  @Override
  public String description() {
    return "SET k 0 NX PX ttl; INCR k; PTTL k as three round trips";
  }

  @Override
  public Counter jedis(Jedis jedis, long ttlMs) {
    SetParams create = SetParams.setParams().nx().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        jedis.set(key, "0", create);
        long value = jedis.incr(key);
        return new Outcome(value, jedis.pttl(key), 0);
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
    SetArgs create = SetArgs.Builder.nx().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        redis.set(key, "0", create);
        long value = redis.incr(key);
        return new Outcome(value, redis.pttl(key), 0);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
