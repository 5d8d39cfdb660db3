package io.redisrace.counter;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * {@code lua} and {@code lua-heal}: the operation as one script, called with EVALSHA; on NOSCRIPT
 * (script cache flushed, server restarted, failover) the script is loaded and the call repeated.
 * A script runs atomically and, since Redis 2.8.5, sees one clock for expiry: safe everywhere.
 */
final class ScriptCounter {
  private ScriptCounter() {}

  static Counter jedis(Jedis jedis, long ttlMs, String script) {
    String sha = Scripts.sha1(script);
    List<String> args = List.of(Long.toString(ttlMs));
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        try {
          return Replies.fromScript(jedis.evalsha(sha, List.of(key), args), 0);
        } catch (JedisNoScriptException e) {
          jedis.scriptLoad(script);
          return Replies.fromScript(jedis.evalsha(sha, List.of(key), args), 1);
        }
      }

      @Override
      public void close() {
        jedis.close();
      }
    };
  }

  static Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs, String script) {
    RedisCommands<String, String> redis = connection.sync();
    String sha = Scripts.sha1(script);
    String ttl = Long.toString(ttlMs);
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        try {
          return Replies.fromScript(redis.evalsha(sha, ScriptOutputType.MULTI, new String[] {key}, ttl), 0);
        } catch (RedisNoScriptException e) {
          redis.scriptLoad(script);
          return Replies.fromScript(redis.evalsha(sha, ScriptOutputType.MULTI, new String[] {key}, ttl), 1);
        }
      }

      @Override
      public void close() {
        connection.close();
      }
    };
  }
}
