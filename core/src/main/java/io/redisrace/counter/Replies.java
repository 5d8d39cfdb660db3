package io.redisrace.counter;

import java.util.List;

/** Turns replies into {@link Outcome}s. */
final class Replies {
  private Replies() {}

  /** A script's {value, pttl} reply. */
  static Outcome fromScript(Object reply, int retries) {
    List<?> list = (List<?>) reply;
    return new Outcome(((Number) list.get(0)).longValue(), ((Number) list.get(1)).longValue(), retries);
  }

  static long asLong(Object reply) {
    return ((Number) reply).longValue();
  }
}
