package io.redisrace.counter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The Lua sources of the script variants, and the busy script of the deterministic trigger. */
public final class Scripts {
  private Scripts() {}

  /**
   * {@code lua}: the seed's three commands in one script. Scripts use one clock time for expiry
   * since Redis 2.8.5, so the key cannot expire between SET and INCR. Returns {value, pttl}.
   */
  public static final String COUNTER =
      "redis.call('SET', KEYS[1], 0, 'NX', 'PX', ARGV[1])\n"
          + "local v = redis.call('INCR', KEYS[1])\n"
          + "return {v, redis.call('PTTL', KEYS[1])}\n";

  /**
   * {@code lua-heal}: increment, and give the key its TTL when it has none (PTTL -1). Repairs a
   * TTL-less key left by any other writer too. Returns {value, pttl after the repair}.
   */
  public static final String COUNTER_HEAL =
      "local v = redis.call('INCR', KEYS[1])\n"
          + "local t = redis.call('PTTL', KEYS[1])\n"
          + "if t == -1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); t = tonumber(ARGV[1]) end\n"
          + "return {v, t}\n";

  /**
   * Spins for ARGV[1] milliseconds of wall-clock time (Redis TIME), writing nothing. Queued inside
   * MULTI between two commands it lets a key expire "in the middle" of EXEC on servers whose EXEC
   * does not freeze the clock: the deterministic trigger of docs/architecture.md. Where TIME is
   * frozen inside scripts (Redis 7.2+, Valkey) it ends after as much CPU time, or at once.
   */
  public static final String BUSY =
      // Redis 7.2+ and Valkey freeze TIME inside a script: the loop also ends on os.clock() (CPU time)
      // where the sandbox has it (Valkey; rawget, because reading a missing global is an error), and
      // elsewhere after 1,000 TIME replies in a row that did not move (a live clock moves every microsecond).
      "local os_ = rawget(_G, 'os')\n"
          + "local clock = os_ and rawget(os_, 'clock')\n"
          + "local c0 = clock and clock() or 0\n"
          + "local s = redis.call('TIME')\n"
          + "local start = tonumber(s[1]) * 1000000 + tonumber(s[2])\n"
          + "local limit = tonumber(ARGV[1]) * 1000\n"
          + "local n, same, last = 0, 0, start\n"
          + "repeat\n"
          + "  local t = redis.call('TIME')\n"
          + "  local now = tonumber(t[1]) * 1000000 + tonumber(t[2])\n"
          + "  if now == last then same = same + 1 else same = 0 end\n"
          + "  last = now\n"
          + "  n = n + 1\n"
          + "until now - start >= limit or (clock and (clock() - c0) * 1000000 >= limit) or (not clock and same >= 1000)\n"
          + "return n\n";

  /** The SHA1 that EVALSHA uses for a script. */
  public static String sha1(String script) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(script.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
