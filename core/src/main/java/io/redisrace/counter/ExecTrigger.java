package io.redisrace.counter;

import java.util.UUID;
import redis.clients.jedis.Jedis;
import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

/**
 * The deterministic EXEC trigger, no luck needed (docs/architecture.md): {@code MULTI; SET k 0 PX 100;
 * SET k 0 NX PX 60000; <pause 300 ms>; INCR k; PTTL k; EXEC}. On a server whose EXEC reads the
 * clock per command (up to 6.0.14, 6.2.4) INCR finds the key expired and re-creates it without a
 * TTL; from 6.0.15 / 6.2.5 INCR sees the live key. Before 7.2 PTTL inside EXEC reads the live clock
 * and can answer 0, "expired in flight" (redis/redis#10300); from 7.2 it reads the frozen one.
 *
 * <p>The pause is {@code DEBUG SLEEP 0.3} where the server allows DEBUG (always below 7.0; from 7.0
 * with {@code enable-debug-command yes}), else a busy script. The busy script cannot let time pass
 * on a server that freezes TIME inside scripts and has no {@code os.clock} (redis-stack's 7.2.4):
 * {@link Result#timePassed()} says whether the EXEC took the key's life at least, so that a trigger
 * in which no time passed is reported as not measured rather than clean.
 */
public final class ExecTrigger {
  public static final long SHORT_TTL_MS = 100;
  public static final long BUSY_MS = 300;
  /** DEBUG, which Jedis has no constant for. */
  private static final ProtocolCommand DEBUG = () -> "DEBUG".getBytes(StandardCharsets.US_ASCII);

  /** What holds the EXEC for {@link #BUSY_MS}. */
  public enum Pause {
    DEBUG_SLEEP("debug-sleep"), BUSY_SCRIPT("busy-script");

    private final String id;

    Pause(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /** What one trigger saw: INCR's reply, PTTL inside EXEC, PTTL after EXEC, and how long the EXEC took (ms, client side). */
  public record Result(long value, long pttlInExec, long pttlAfter, long execMs) {
    /** The key was left without a TTL: the EXEC race. */
    public boolean ttlLess() {
      return pttlAfter == -1;
    }

    /** PTTL inside EXEC read 0 or less on a key that had a TTL: "expired in flight". */
    public boolean expiredInFlight() {
      return pttlInExec == 0;
    }

    /** The EXEC lasted at least the short key's life: the trigger measured something. */
    public boolean timePassed() {
      return execMs >= SHORT_TTL_MS;
    }
  }

  private ExecTrigger() {}

  /** DEBUG SLEEP where the server answers it, else the busy script. */
  public static Pause pauseFor(Jedis jedis) {
    try {
      jedis.sendCommand(DEBUG, "SLEEP", "0");
      return Pause.DEBUG_SLEEP;
    } catch (JedisDataException e) {
      return Pause.BUSY_SCRIPT;
    }
  }

  /** Runs the trigger once with the busy script. */
  public static Result run(Jedis jedis) {
    return run(jedis, Pause.BUSY_SCRIPT);
  }

  /** Runs the trigger once on a fresh key, deletes the key, and says what happened. */
  public static Result run(Jedis jedis, Pause pause) {
    String key = "trigger:exec:" + UUID.randomUUID();
    Transaction tx = jedis.multi();
    tx.set(key, "0", SetParams.setParams().px(SHORT_TTL_MS));
    tx.set(key, "0", SetParams.setParams().nx().px(60_000));
    if (pause == Pause.DEBUG_SLEEP) {
      tx.sendCommand(DEBUG, "SLEEP", Double.toString(BUSY_MS / 1000.0));
    } else {
      tx.eval(Scripts.BUSY, 0, Long.toString(BUSY_MS));
    }
    Response<Long> value = tx.incr(key);
    Response<Long> pttl = tx.pttl(key);
    long t0 = System.nanoTime();
    tx.exec();
    long execMs = (System.nanoTime() - t0) / 1_000_000;
    Result r = new Result(value.get(), pttl.get(), jedis.pttl(key), execMs);
    jedis.del(key);
    return r;
  }
}
