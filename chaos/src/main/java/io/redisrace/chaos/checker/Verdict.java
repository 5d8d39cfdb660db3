package io.redisrace.chaos.checker;

import java.util.List;
import java.util.Map;

/**
 * What the checker found in one trial's final state and history.
 *
 * @param valid                 true when nothing was lost or duplicated, nothing unexpected was
 *                              read and the bitmap agrees with the list
 * @param expected              rows in the source
 * @param read                  list elements read back
 * @param lostIds               source ids not in the list
 * @param duplicatedIds         ids in the list more than once, with their count
 * @param unexpected            list elements that are no source row
 * @param bitmapInconsistencies one sentence per disagreement between bitmap and list
 * @param ackedButLost          chunks whose commit was acknowledged as applied but whose rows are missing
 * @param chunks                chunks of the source
 * @param duplicatedChunks      chunks with at least one row in the list more than once
 * @param firstDuplicateMs      when (ms into the trial's history) a chunk was first acknowledged as
 *                              committed a second time; null when no duplicate was acknowledged twice
 *                              (for example a commit applied but never acknowledged, then re-run)
 */
public record Verdict(
    boolean valid,
    long expected,
    long read,
    List<Long> lostIds,
    Map<Long, Integer> duplicatedIds,
    List<String> unexpected,
    List<String> bitmapInconsistencies,
    List<Integer> ackedButLost,
    int chunks,
    List<Integer> duplicatedChunks,
    Long firstDuplicateMs) {

  public int lost() {
    return lostIds.size();
  }

  /** Surplus copies: sum over duplicated ids of (count - 1). */
  public int duplicated() {
    return duplicatedIds.values().stream().mapToInt(c -> c - 1).sum();
  }

  public boolean hasLoss() {
    return !lostIds.isEmpty();
  }

  public boolean hasDuplication() {
    return !duplicatedIds.isEmpty();
  }
}
