package io.redisrace.counter;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * {@code naive}: three round trips, {@code SET k 0 NX PX ttl; INCR k; PTTL k}. Unsafe on every
 * version: the key can expire between SET (which found it alive) and INCR, which re-creates it
 * without a TTL.
 */
final class NaiveCounter {
  private NaiveCounter() {}

  static Counter jedis(Jedis jedis, long ttlMs) {
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

  static Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs) {
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
