package io.redisrace.bench;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.Outcome;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * A user's counter that also counts in {@code <key>:shadow}, in one script: keys of two slots unless
 * {@code tagged} wraps the key in braces. Not registered: the tests hand it to {@link ClusterProbe}.
 */
record TwoSlotVariant(boolean tagged) implements CounterVariant {
  private static final String SCRIPT = "redis.call('SET', KEYS[1], 0, 'NX', 'PX', ARGV[1]); local v = redis.call('INCR', KEYS[1]);"
      + " redis.call('INCR', KEYS[2]); return {v, redis.call('PTTL', KEYS[1])}";

  public String id() {
    return tagged ? "two-slots-tagged" : "two-slots";
  }

  public String description() {
    return "INCR k and INCR k:shadow in one script" + (tagged ? ", the key in a hash tag" : "");
  }

  private String[] keys(String key) {
    String k = tagged ? "{" + key + "}" : key;
    return new String[] {k, k + ":shadow"};
  }

  @Override
  @SuppressWarnings("unchecked")
  public Counter jedis(Jedis c, long ttlMs) {
    return counter(key -> (List<Long>) c.eval(SCRIPT, List.of(keys(key)), List.of(Long.toString(ttlMs))), c::close);
  }

  @Override
  public Counter lettuce(StatefulRedisConnection<String, String> c, long ttlMs) {
    return counter(key -> c.sync().eval(SCRIPT, ScriptOutputType.MULTI, keys(key), Long.toString(ttlMs)), c::close);
  }

  private static Counter counter(java.util.function.Function<String, List<Long>> eval, Runnable close) {
    return new Counter() {
      @Override
      public Outcome increment(String key) {
        List<Long> r = eval.apply(key);
        return new Outcome(r.get(0), r.get(1), 0);
      }

      @Override
      public void close() {
        close.run();
      }
    };
  }
}
