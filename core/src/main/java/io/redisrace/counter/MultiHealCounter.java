package io.redisrace.counter;

import io.lettuce.core.ExpireArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.args.ExpiryOption;

/**
 * {@code multi-heal}: {@code MULTI; INCR k; PEXPIRE k ttl NX; PTTL k; EXEC}. No create step at all:
 * INCR creates or increments, and PEXPIRE ... NX sets a TTL only where there is none, so whatever
 * happened before, the key leaves EXEC with a TTL. Needs {@code PEXPIRE ... NX}: Redis 7.0+.
 */
final class MultiHealCounter {
  private MultiHealCounter() {}

  static Counter jedis(Jedis jedis, long ttlMs) {
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        Transaction tx = jedis.multi();
        Response<Long> value = tx.incr(key);
        tx.pexpire(key, ttlMs, ExpiryOption.NX);
        Response<Long> pttl = tx.pttl(key);
        tx.exec();
        return new Outcome(value.get(), pttl.get(), 0);
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  static Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs) {
    RedisCommands<String, String> redis = connection.sync();
    ExpireArgs nx = ExpireArgs.Builder.nx();
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        redis.multi();
        redis.incr(key);
        redis.pexpire(key, ttlMs, nx);
        redis.pttl(key);
        TransactionResult result = redis.exec();
        List<Object> replies = result.stream().toList();
        return new Outcome(Replies.asLong(replies.get(0)), Replies.asLong(replies.get(2)), 0);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
