package io.redisrace.chaos.schedule;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.List;

/**
 * One trial, as data: everything the runner needs to repeat it. {@link Schedule#plan} derives the
 * random parts from {@code seed}, so {@code (seed, variant, fault, client, shape)} replays it.
 *
 * @param seed          the trial's own seed
 * @param variant       loader variant
 * @param fault         nemesis fault
 * @param client        client mode of every loader of the trial
 * @param shape         loaders, rows, chunk size and start skew
 * @param chunk         the chunk at which the fault hits loader A
 * @param phase         the step of that chunk at which A is held when the fault hits (null: none)
 * @param startDelaysMs for each competitor (B, C, ...), how long after A it is released, ms
 */
public record TrialPlan(long seed, LoaderVariant variant, Fault fault, ClientMode client, Shape shape, int chunk, Step phase,
                        List<Integer> startDelaysMs) {

  public TrialPlan {
    startDelaysMs = List.copyOf(startDelaysMs);
  }

  /** Loaders besides A. */
  public int competitors() {
    return shape.loaders() - 1;
  }

  /** Whether other loaders work on the same table. */
  public boolean competitor() {
    return competitors() > 0;
  }

  /**
   * The chunk every competitor starts at: without a fault all loaders start at chunk 0 together, as
   * the same script started in several processes would; under a fault they start at the struck
   * chunk, to compete for it while the fault holds.
   */
  public int competitorStartChunk() {
    return fault.isNone() ? 0 : chunk;
  }
}
