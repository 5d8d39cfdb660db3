package io.redisrace.chaos.schedule;

import io.redisrace.HarnessException;

/**
 * The workload shape of a trial: how many loader processes share how big a table, and how far
 * apart they start. Every loader is a real OS process; loader A is the one a fault strikes, the
 * others ("competitors" B, C, ...) run the same variant with the same client mode.
 *
 * @param loaders    loader processes of the trial, 1 to {@value #MAX_LOADERS}
 * @param rows       source rows (ids 1..rows)
 * @param chunkSize  rows per chunk
 * @param skewMs     start skew: each competitor is released up to this many ms after A (a seeded
 *                   draw per competitor, {@link TrialPlan#startDelaysMs()}); 0 = all at once
 */
public record Shape(int loaders, int rows, int chunkSize, int skewMs) {
  public static final int MAX_LOADERS = 8;

  public Shape {
    if (loaders < 1 || loaders > MAX_LOADERS) {
      throw new HarnessException("--loaders must be between 1 and " + MAX_LOADERS + ", not " + loaders + ".");
    }
    if (rows < 1) {
      throw new HarnessException("--rows must be at least 1, not " + rows + ".");
    }
    if (chunkSize < 1) {
      throw new HarnessException("--chunk-size must be at least 1, not " + chunkSize + ".");
    }
    if (skewMs < 0) {
      throw new HarnessException("--skew-ms must be 0 or more, not " + skewMs + ".");
    }
  }

  public int chunks() {
    return (rows + chunkSize - 1) / chunkSize;
  }

  /** Short label of a cell of this shape beside its fault: "x4" (chunks of 10), "x4 c50" otherwise. */
  public String label() {
    return "\u00d7" + loaders + (chunkSize == 10 ? "" : " c" + chunkSize);
  }
}
