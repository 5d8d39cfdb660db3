package io.redisrace.hunt;

import io.redisrace.stats.RateEstimate;
import java.time.Duration;
import java.util.List;

/**
 * What a hunt measured. {@code ttlLessInBand}: operations whose own PTTL read -1 (each such key
 * was then deleted so the hunt could go on); {@code ttlLessAudited}: TTL-less keys the keyspace
 * audit found at the end; {@code expiredInFlight}: PTTL 0 or -2 (expired during the operation, not
 * a TTL-less key); {@code ttlLessKeys}: the names of the first TTL-less keys seen, in-band then by
 * the audit (at most {@value #KEY_SAMPLE}).
 */
public record HuntResult(
    String variant,
    String client,
    String server,
    String serverVersion,
    long ttlMs,
    int threads,
    int keys,
    long ops,
    Duration elapsed,
    long creations,
    long ttlLessInBand,
    long ttlLessAudited,
    long expiredInFlight,
    long retries,
    long errors,
    long firstTtlLessAtOp,
    List<String> errorSamples,
    List<String> ttlLessKeys) {

  /** How many TTL-less key names a result keeps. */
  public static final int KEY_SAMPLE = 10;

  public double opsPerSecond() {
    double s = elapsed.toNanos() / 1e9;
    return s > 0 ? ops / s : 0;
  }

  public long ttlLess() {
    return ttlLessInBand + ttlLessAudited;
  }

  public RateEstimate ttlLessRate() {
    return RateEstimate.of(ttlLess(), ops);
  }
}
