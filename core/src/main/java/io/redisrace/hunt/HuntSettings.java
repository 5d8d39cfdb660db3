package io.redisrace.hunt;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterVariant;
import java.time.Duration;

/**
 * One race hunt: run a counter variant flat out and count TTL-less keys. Bounded by
 * {@code duration} and/or {@code maxOps} (at least one), and optionally stopped early once
 * {@code stopAfterTtlLess} TTL-less keys were seen (tests use it: "found within N seconds").
 *
 * @param ttlMs   TTL given to each new key, milliseconds
 * @param keys    size of the keyspace (1 = one hot key)
 * @param threads concurrent connections
 */
public record HuntSettings(
    CounterVariant variant,
    ClientMode client,
    long ttlMs,
    int threads,
    int keys,
    Duration duration,
    long maxOps,
    long stopAfterTtlLess,
    String keyPrefix) {

  public HuntSettings {
    if (ttlMs <= 0) {
      throw new HarnessException("--ttl-ms must be a positive number of milliseconds, not " + ttlMs + ".");
    }
    if (threads <= 0 || threads > 256) {
      throw new HarnessException("--threads must be between 1 and 256, not " + threads + ".");
    }
    if (keys <= 0) {
      throw new HarnessException("--keys must be at least 1, not " + keys + ".");
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new HarnessException("--duration must be positive (for example 20s or 2m), not " + duration + ".");
    }
    if (maxOps < 0) {
      throw new HarnessException("--ops must be positive, not " + maxOps + ".");
    }
    if (duration == null && maxOps == 0) {
      throw new HarnessException("A hunt needs a bound: give --duration, --ops, or both.");
    }
  }

  public static HuntSettings of(CounterVariant variant, ClientMode client, long ttlMs, int threads, int keys, Duration duration, long maxOps) {
    return new HuntSettings(variant, client, ttlMs, threads, keys, duration, maxOps, 0, "race:" + variant.id() + ":");
  }

  public HuntSettings stopAfterTtlLess(long n) {
    return new HuntSettings(variant, client, ttlMs, threads, keys, duration, maxOps, n, keyPrefix);
  }
}
