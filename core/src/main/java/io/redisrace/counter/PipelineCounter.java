package io.redisrace.counter;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.redisrace.client.ClientMode;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * {@code pipeline}: the three commands sent back to back without waiting, no MULTI. One round
 * trip, but the server may run other clients' commands (and expire the key) in between: unsafe.
 */
final class PipelineCounter {
  private PipelineCounter() {}

  static Counter jedis(Jedis jedis, long ttlMs) {
    SetParams create = SetParams.setParams().nx().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        Pipeline p = jedis.pipelined();
        p.set(key, "0", create);
        Response<Long> value = p.incr(key);
        Response<Long> pttl = p.pttl(key);
        p.sync();
        return new Outcome(value.get(), pttl.get(), 0);
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  static Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs) {
    RedisAsyncCommands<String, String> redis = connection.async();
    SetArgs create = SetArgs.Builder.nx().px(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        RedisFuture<String> set = redis.set(key, "0", create);
        RedisFuture<Long> value = redis.incr(key);
        RedisFuture<Long> pttl = redis.pttl(key);
        LettuceFutures.awaitAll(ClientMode.COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS, set, value, pttl);
        try {
          return new Outcome(value.get(), pttl.get(), 0);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
