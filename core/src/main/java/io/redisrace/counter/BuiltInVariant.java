package io.redisrace.counter;

import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.server.RedisVersion;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * The built-in counter variants, one constant per way of writing the operation. Usable directly as
 * a JMH {@code @Param} by name; user variants come from {@link CounterVariants}.
 */
public enum BuiltInVariant implements CounterVariant {
  NAIVE("naive", "SET k 0 NX PX ttl; INCR k; PTTL k as three round trips") {
    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return NaiveCounter.jedis(c, ttlMs);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return NaiveCounter.lettuce(c, ttlMs);
    }
  },
  PIPELINE("pipeline", "the same three commands pipelined, no MULTI") {
    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return PipelineCounter.jedis(c, ttlMs);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return PipelineCounter.lettuce(c, ttlMs);
    }
  },
  MULTI("multi", "MULTI; SET k 0 NX PX ttl; INCR k; PTTL k; EXEC (the seed)") {
    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return MultiCounter.jedis(c, ttlMs);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return MultiCounter.lettuce(c, ttlMs);
    }
  },
  LUA("lua", "the three commands in one Lua script, EVALSHA, reloaded on NOSCRIPT") {
    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return ScriptCounter.jedis(c, ttlMs, Scripts.COUNTER);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return ScriptCounter.lettuce(c, ttlMs, Scripts.COUNTER);
    }
  },
  WATCH_RETRY("watch-retry", "WATCH k; PTTL k; MULTI; [SET k 0 PX ttl]; INCR k; PTTL k; EXEC, retried on abort") {
    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return WatchRetryCounter.jedis(c, ttlMs);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return WatchRetryCounter.lettuce(c, ttlMs);
    }
  },
  MULTI_HEAL("multi-heal", "MULTI; INCR k; PEXPIRE k ttl NX; PTTL k; EXEC (Redis >= 7.0)") {
    @Override
    public Optional<String> unsupportedOn(RedisVersion version) {
      return version.atLeast(RedisVersion.EXPIRE_NX)
          ? Optional.empty()
          : Optional.of("Variant multi-heal needs PEXPIRE ... NX, which Redis " + version
              + " lacks (7.0 or newer required); use lua-heal on this server.");
    }

    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return MultiHealCounter.jedis(c, ttlMs);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return MultiHealCounter.lettuce(c, ttlMs);
    }
  },
  LUA_HEAL("lua-heal", "one script: INCR k, and PEXPIRE k ttl when PTTL k is -1") {
    @Override
    public Counter jedis(Jedis c, long ttlMs) {
      return ScriptCounter.jedis(c, ttlMs, Scripts.COUNTER_HEAL);
    }

    @Override
    public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
      return ScriptCounter.lettuce(c, ttlMs, Scripts.COUNTER_HEAL);
    }
  };

  private final String variantName;
  private final String description;

  BuiltInVariant(String variantName, String description) {
    this.variantName = variantName;
    this.description = description;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String id() {
    return variantName;
  }
}
