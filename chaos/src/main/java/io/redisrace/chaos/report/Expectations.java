package io.redisrace.chaos.report;

import java.util.Map;
import java.util.Set;

/**
 * The cells where the harness must find a defect (in full mode, 5 to 20 trials per cell): if one
 * of them shows no loss and no duplication, the harness has lost its power to find the bug, and the
 * gate fails. Two kinds:
 *
 * <p><b>Under a fault</b> (the classic cells), each a known defect that the schedule provokes in
 * most trials:
 * <ul>
 *   <li>plain: a re-run after a kill at chunk &gt;= 1 (every kill fault), or after a lost reply,
 *       loads earlier chunks again;</li>
 *   <li>bitmap: the competitor loads the chunk while A, past its GETBIT, is paused (sigstop) or cut
 *       off and then reconnects (reset_peer with lettuce / jedis-retry); a lost reply then a
 *       jedis-retry retry (limit_data) or a Lettuce replay of the whole transaction (lost_reply);</li>
 *   <li>client-name-lock: a pause between GETBIT and the "lock" (test c; one sigstop phase in
 *       three), a reset that frees the name while the client reconnects and commits anyway (test d),
 *       a lost reply then a retry or replay (test e).</li>
 * </ul>
 * Client modes rotate inside a cell, so a full cell of 20 trials has 5 of each mode.
 *
 * <p><b>Without any fault, with several loaders</b> ({@link #CONCURRENCY_UNSAFE}): two or more
 * loader processes started together over at least {@value #MIN_CONCURRENT_CHUNKS} chunks. No
 * process dies and no connection breaks, and still:
 * <ul>
 *   <li>plain is no parallel design at all: every loader loads every row;</li>
 *   <li>bitmap checks the bit and commits in two steps: two loaders that both read 0 both commit;</li>
 *   <li>client-name-lock reads the bit before it takes the "lock": a loader that read 0 takes the
 *       lock just after another loader finished the chunk and released it (defect c, hit by
 *       itself once loaders really run side by side).</li>
 * </ul>
 * {@code fenced} has none: any loss or duplication by {@code fenced} fails the gate in every mode.
 */
public final class Expectations {
  private Expectations() {}

  /** The variant that must be exactly-once in every cell. */
  public static final String EXACTLY_ONCE = "fenced";

  /** Chunks a fault-free multi-loader cell needs before its known races are expected to show. */
  public static final int MIN_CONCURRENT_CHUNKS = 100;

  public static final Map<String, Set<String>> KNOWN_UNSAFE = Map.of(
      "plain", Set.of("sigkill-reading", "sigkill-in-flight", "sigkill-after-commit", "slow_close", "limit_data", "lost_reply"),
      "bitmap", Set.of("sigstop", "reset_peer", "limit_data", "lost_reply"),
      "client-name-lock", Set.of("sigstop", "reset_peer", "limit_data", "lost_reply"));

  /** Variants that duplicate rows with no fault at all once several loaders share many chunks. */
  public static final Set<String> CONCURRENCY_UNSAFE = Set.of("plain", "bitmap", "client-name-lock");

  /** A classic cell (one or two loaders, a fault): see {@link #KNOWN_UNSAFE}. */
  public static boolean knownUnsafe(String variant, String fault) {
    return KNOWN_UNSAFE.getOrDefault(variant, Set.of()).contains(fault);
  }

  /** Any cell: a known-unsafe fault, or fault-free concurrency of a variant that is unsafe under it. */
  public static boolean knownUnsafe(String variant, String fault, int loaders, long chunks) {
    if ("none".equals(fault)) {
      return loaders >= 2 && chunks >= MIN_CONCURRENT_CHUNKS && CONCURRENCY_UNSAFE.contains(variant);
    }
    return knownUnsafe(variant, fault);
  }
}
