package io.redisrace.counter;

import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;

/**
 * {@code multi}, the seed: {@code MULTI; SET k 0 NX PX ttl; INCR k; PTTL k; EXEC}. Looks atomic,
 * but up to Redis 6.2.4 (and 6.0.14) every queued command reads the clock again, so the key can
 * expire between SET and INCR inside one EXEC: INCR then re-creates it without a TTL. Safe from
 * 6.0.15 / 6.2.5 (redis/redis#9194), where EXEC reads the clock once.
 */
final class MultiCounter {
  private MultiCounter() {}

  static Counter jedis(Jedis jedis, long ttlMs) {
    SetParams create = SetParams.setParams().nx().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        Transaction tx = jedis.multi();
        tx.set(key, "0", create);
        Response<Long> value = tx.incr(key);
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
    SetArgs create = SetArgs.Builder.nx().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        redis.multi();
        redis.set(key, "0", create);
        redis.incr(key);
        redis.pttl(key);
        TransactionResult result = redis.exec();
        List<Object> replies = result.stream().toList();
        return new Outcome(Replies.asLong(replies.get(1)), Replies.asLong(replies.get(2)), 0);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
