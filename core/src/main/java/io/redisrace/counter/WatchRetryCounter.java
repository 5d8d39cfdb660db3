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
 * {@code watch-retry}: optimistic locking. {@code WATCH k; PTTL k}, then in MULTI either create
 * ({@code SET k 0 PX ttl}) when the read found no key, or not; then {@code INCR k; PTTL k; EXEC},
 * and start over when EXEC aborts because k changed. Whether an <em>expiry</em> of k counts as a
 * change depends on the server: an expired WATCHed key aborts EXEC only from 6.0.9
 * (redis/redis#7920), a logically expired but not yet deleted one from 6.0.15 / 6.2.5 (#9068). On
 * 2.8 the key can expire between the read and EXEC and INCR re-creates it without a TTL.
 */
final class WatchRetryCounter {
  /** Bound on retries of one operation; a livelock beyond it is an error, not a silent spin. */
  static final int MAX_RETRIES = 1000;

  private WatchRetryCounter() {}

  static Counter jedis(Jedis jedis, long ttlMs) {
    SetParams create = SetParams.setParams().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        for (int retries = 0; retries < MAX_RETRIES; retries++) {
          jedis.watch(key);
          long before = jedis.pttl(key);
          Transaction tx = jedis.multi();
          if (before == -2) {
            tx.set(key, "0", create);
          }
          Response<Long> value = tx.incr(key);
          Response<Long> pttl = tx.pttl(key);
          List<Object> replies = tx.exec();
          if (replies != null && !replies.isEmpty()) {
            return new Outcome(value.get(), pttl.get(), retries);
          }
        }
        throw new IllegalStateException("watch-retry: EXEC aborted " + MAX_RETRIES + " times in a row on " + key);
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  static Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs) {
    RedisCommands<String, String> redis = connection.sync();
    SetArgs create = SetArgs.Builder.px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        for (int retries = 0; retries < MAX_RETRIES; retries++) {
          redis.watch(key);
          long before = redis.pttl(key);
          redis.multi();
          if (before == -2) {
            redis.set(key, "0", create);
          }
          redis.incr(key);
          redis.pttl(key);
          TransactionResult result = redis.exec();
          if (!result.wasDiscarded()) {
            List<Object> replies = result.stream().toList();
            int n = replies.size();
            return new Outcome(Replies.asLong(replies.get(n - 2)), Replies.asLong(replies.get(n - 1)), retries);
          }
        }
        throw new IllegalStateException("watch-retry: EXEC aborted " + MAX_RETRIES + " times in a row on " + key);
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
