package io.redisrace.chaos.report;

import java.util.Map;
import java.util.Set;

/**
 * The cells where the harness must find a defect (in full mode, 20+ trials per cell): if one of
 * them shows no loss and no duplication, the harness has lost its power to find the bug, and the
 * gate fails. Each entry is a known defect of DESIGN.md that the schedule provokes in most trials:
 *
 * <ul>
 *   <li>plain: a re-run after a kill at chunk &gt;= 1 (every kill fault), or after a lost reply,
 *       loads earlier chunks again;</li>
 *   <li>bitmap: the competitor loads the chunk while A, past its GETBIT, is paused (sigstop) or cut
 *       off and then reconnects (reset_peer with lettuce / jedis-retry); a lost reply then a
 *       jedis-retry retry (limit_data) or a Lettuce replay of the whole transaction (lost_reply);</li>
 *   <li>client-name-lock: a pause between GETBIT and the "lock" (test c; one sigstop phase in
 *       three), a reset that frees the name while the client reconnects and commits anyway (test d),
 *       a lost reply then a retry or replay (test e).</li>
 * Client modes rotate inside a cell, so a full cell of 20 trials has 5 of each mode.
 * </ul>
 * {@code fenced} has none: any loss or duplication by {@code fenced} fails the gate in every mode.
 */
public final class Expectations {
  private Expectations() {}

  /** The variant that must be exactly-once in every cell. */
  public static final String EXACTLY_ONCE = "fenced";

  public static final Map<String, Set<String>> KNOWN_UNSAFE = Map.of(
      "plain", Set.of("sigkill-reading", "sigkill-in-flight", "sigkill-after-commit", "slow_close", "limit_data", "lost_reply"),
      "bitmap", Set.of("sigstop", "reset_peer", "limit_data", "lost_reply"),
      "client-name-lock", Set.of("sigstop", "reset_peer", "limit_data", "lost_reply"));

  public static boolean knownUnsafe(String variant, String fault) {
    return KNOWN_UNSAFE.getOrDefault(variant, Set.of()).contains(fault);
  }
}
