package io.redisrace.hunt;

import io.redisrace.HarnessException;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;

/**
 * How a hunt strikes its topology ({@code --fault}, {@code --strikes}, {@code --strike-every},
 * {@code --hold}): {@code strikes} strikes of {@code fault}, the first once {@code every}
 * operations were acknowledged, each next one {@code every} acknowledged operations after the
 * previous heal, and the hunt goes on for {@code every} more after the last heal, so that each strike
 * finds acknowledged counts to lose and the healed topology is written to before the final read.
 * Counted in acknowledged operations, not time, so a slow machine strikes at the same point of the
 * work. {@code hold}: how long the fault holds (what the fault runs while struck; 0 by default).
 */
public record StrikePlan(TopologyFault fault, int strikes, long every, Duration hold) {
  /** The most strikes one hunt makes: each may take up to {@link TopologyFault#HEAL_BOUND} to heal. */
  public static final int MAX_STRIKES = 5;

  public StrikePlan {
    if (strikes < 1 || strikes > MAX_STRIKES) {
      throw new HarnessException("--strikes must be between 1 and " + MAX_STRIKES + ", not " + strikes + ".");
    }
    if (every < 1) {
      throw new HarnessException("--strike-every must be at least 1 acknowledged operation, not " + every + ".");
    }
    if (hold.isNegative() || hold.compareTo(Duration.ofSeconds(10)) > 0) {
      throw new HarnessException("--hold must be between 0 and 10s, not " + hold.toMillis() + " ms.");
    }
  }
}
