package io.redisrace.server;

import io.redisrace.HarnessException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Redis server version as INFO reports it ("2.8.19"), ordered. */
public record RedisVersion(int major, int minor, int patch) implements Comparable<RedisVersion> {

  private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");

  /** Keys stop expiring in the middle of MULTI/EXEC from 6.0.15 / 6.2.5 (redis/redis#9194). */
  public static final RedisVersion EXEC_CLOCK_FROZEN_62 = new RedisVersion(6, 2, 5);
  public static final RedisVersion EXEC_CLOCK_FROZEN_60 = new RedisVersion(6, 0, 15);
  /** An expired WATCHed key aborts EXEC from 6.0.9 (redis/redis#7920). */
  public static final RedisVersion WATCH_EXPIRED_ABORTS = new RedisVersion(6, 0, 9);
  /** {@code PEXPIRE key ms NX} exists from 7.0.0. */
  public static final RedisVersion EXPIRE_NX = new RedisVersion(7, 0, 0);
  /** PTTL/TTL read the frozen clock inside EXEC and scripts from 7.2 (redis/redis#10300). */
  public static final RedisVersion TTL_CLOCK_FROZEN = new RedisVersion(7, 2, 0);

  public static RedisVersion parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      throw new HarnessException("'" + text + "' is not a Redis version; expected a form like 7.0.15.");
    }
    return new RedisVersion(
        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
  }

  public boolean atLeast(RedisVersion other) {
    return compareTo(other) >= 0;
  }

  /** True when a key can expire between two commands of one MULTI/EXEC on this version. */
  public boolean expiresInsideExec() {
    if (major == 6 && minor == 0) {
      return !atLeast(EXEC_CLOCK_FROZEN_60);
    }
    return !atLeast(EXEC_CLOCK_FROZEN_62);
  }

  @Override
  public int compareTo(RedisVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
