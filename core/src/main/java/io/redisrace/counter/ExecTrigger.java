package io.redisrace.counter;

import java.util.UUID;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;

/**
 * The deterministic EXEC trigger, no luck needed (docs/architecture.md): {@code MULTI; SET k 0 PX 100;
 * SET k 0 NX PX 60000; EVAL <busy 300 ms>; INCR k; PTTL k; EXEC}. On a server whose EXEC reads the
 * clock per command (up to 6.0.14, 6.2.4) INCR finds the key expired and re-creates it without a
 * TTL; from 6.0.15 / 6.2.5 INCR sees the live key. Before 7.2 PTTL inside EXEC reads the live clock
 * and can answer 0, "expired in flight" (redis/redis#10300); from 7.2 it reads the frozen one.
 */
public final class ExecTrigger {
  public static final long SHORT_TTL_MS = 100;
  public static final long BUSY_MS = 300;

  /** What one trigger saw: INCR's reply, PTTL inside EXEC, PTTL after EXEC. */
  public record Result(long value, long pttlInExec, long pttlAfter) {
    /** The key was left without a TTL: the EXEC race. */
    public boolean ttlLess() {
      return pttlAfter == -1;
    }

    /** PTTL inside EXEC read 0 or less on a key that had a TTL: "expired in flight". */
    public boolean expiredInFlight() {
      return pttlInExec == 0;
    }
  }

  private ExecTrigger() {}

  /** Runs the trigger once on a fresh key, deletes the key, and says what happened. */
  public static Result run(Jedis jedis) {
    String key = "trigger:exec:" + UUID.randomUUID();
    Transaction tx = jedis.multi();
    tx.set(key, "0", SetParams.setParams().px(SHORT_TTL_MS));
    tx.set(key, "0", SetParams.setParams().nx().px(60_000));
    tx.eval(Scripts.BUSY, 0, Long.toString(BUSY_MS));
    Response<Long> value = tx.incr(key);
    Response<Long> pttl = tx.pttl(key);
    tx.exec();
    Result r = new Result(value.get(), pttl.get(), jedis.pttl(key));
    jedis.del(key);
    return r;
  }
}
