package io.redisrace.hunt;

import io.redisrace.topology.TopologyFault;
import java.util.List;

/**
 * A hunt under a topology fault: the hunt itself, each strike's outcome, and what the counters lost
 * ({@link AckLedger}: lost increments = acknowledged INCR replies − distinct acknowledged values up
 * to each key's final value). {@code exact}: no key could have expired on its own during the hunt
 * (its TTL is longer than from the first operation to the final read), so every counter that went
 * backwards lost acknowledged increments. {@code ttlLessKeys}: distinct keys left without a TTL, or
 * seen without one.
 */
public record FailoverResult(
    String topology,
    String persistence,
    String fault,
    HuntResult hunt,
    List<TopologyFault.Outcome> strikes,
    long acknowledged,
    long lostIncrements,
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
