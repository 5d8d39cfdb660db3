package io.redisrace.hunt;

import io.redisrace.topology.TopologyFault;
import java.util.List;

/**
 * A hunt under a topology fault: the hunt itself, each strike's outcome, and what the counters lost
 * ({@link AckLedger}: lost increments = acknowledged INCR replies − distinct acknowledged values up
 * to each key's final value). {@code exact}: no key could have expired on its own during the hunt
 * (its TTL is longer than from the first operation to the final read), so every counter that went
 * backwards lost acknowledged increments. {@code ttlLessKeys}: distinct keys left without a TTL, or
 * seen without one. {@code unaccountedIncrements}: increments in the final counters beyond every
 * acknowledged, failed or retried operation of the hunt, which it therefore never sent (a counter
 * that resumed from an older data set, such as a stale RDB file reloaded after a crash) or a client
 * replayed without saying so (Lettuce); such a counter can hide lost increments, so a cell with any
 * is not exact.
 */
public record FailoverResult(
    String topology,
    String persistence,
    String fault,
    HuntResult hunt,
    List<TopologyFault.Outcome> strikes,
    long acknowledged,
    long lostIncrements,
    long unaccountedIncrements,
    int keys,
    int keysLost,
    int ttlLessKeys,
    boolean exact,
    List<String> worstKeys) {

  /** Every strike healed within {@link TopologyFault#HEAL_BOUND}. */
  public boolean healed() {
    return strikes.stream().allMatch(TopologyFault.Outcome::healed);
  }

  /** Some strike promoted a replica. */
  public boolean failedOver() {
    return strikes.stream().anyMatch(TopologyFault.Outcome::failedOver);
  }
}
