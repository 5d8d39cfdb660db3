package io.redisrace.counter;

/**
 * What one counter operation saw: the value after INCR, the PTTL read in the same operation, and
 * how many times it had to retry (WATCH aborts, reconnects).
 *
 * <p>PTTL semantics: {@code > 0} the key has a TTL; {@code -1} the key exists without a TTL (the
 * bug: a "TTL-less key"); {@code 0} or {@code -2} the key expired while the operation ran. Before
 * Redis 7.2 a PTTL inside EXEC or a script reads the live clock and may return 0: that is
 * "expired", never TTL-less.
 */
public record Outcome(long value, long pttl, int retries) {

  /** INCR created the key (it did not exist, or had expired). */
  public boolean created() {
    return value == 1;
  }

  /** The key is left without a TTL: it will never expire. */
  public boolean ttlLess() {
    return pttl == -1;
  }

  /** The key expired during the operation (PTTL 0 or -2). */
  public boolean expiredInFlight() {
    return pttl == 0 || pttl == -2;
  }
}
