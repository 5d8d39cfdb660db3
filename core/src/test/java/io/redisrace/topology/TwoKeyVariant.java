package io.redisrace.topology;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.Outcome;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A counter that also counts in a second key, {@code <key>:shadow}, in one script: two keys in
 * different slots unless {@code hashTag} wraps the key in braces. Not registered: the cluster tests
 * hand it over themselves.
 */
final class TwoKeyVariant implements CounterVariant {
  private static final String SCRIPT = "redis.call('SET', KEYS[1], 0, 'NX', 'PX', ARGV[1]); local v = redis.call('INCR', KEYS[1]);"
      + " redis.call('INCR', KEYS[2]); return {v, redis.call('PTTL', KEYS[1])}";
  private final boolean hashTag;

  TwoKeyVariant(boolean hashTag) {
    this.hashTag = hashTag;
  }

  @Override
  public String id() {
    return hashTag ? "two-keys-tagged" : "two-keys";
  }

  @Override
  public String description() {
    return "INCR k and INCR k:shadow in one script" + (hashTag ? ", the key in a hash tag" : "");
  }

  private String key(String k) {
    return hashTag ? "{" + k + "}" : k;
  }

  @Override
  public Counter jedis(Jedis c, long ttlMs) {
    return new Counter() {
      @Override
      @SuppressWarnings("unchecked")
      public Outcome increment(String key) {
        List<Long> r = (List<Long>) c.eval(SCRIPT, List.of(key(key), key(key) + ":shadow"), List.of(Long.toString(ttlMs)));
        return new Outcome(r.get(0), r.get(1), 0);
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  @Override
  public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        List<Long> r = c.sync().eval(SCRIPT, ScriptOutputType.MULTI, new String[] {key(key), key(key) + ":shadow"}, Long.toString(ttlMs));
        return new Outcome(r.get(0), r.get(1), 0);
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }
}
