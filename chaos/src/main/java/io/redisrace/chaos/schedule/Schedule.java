package io.redisrace.chaos.schedule;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The seeded schedule: which trials a run makes, in which order, and each trial's random choices.
 * Same seed, same settings: same trials, same plans (the JSON of a run lists each trial's own seed
 * and the command that replays it).
 */
public final class Schedule {
  private Schedule() {}

  /**
   * {@code trialsPerCell} trials for every variant x fault cell, in rounds: round r holds trial r of
   * every cell, so a run cut short by its time limit still covers every cell evenly. Client modes
   * rotate inside a cell from a seeded offset.
   */
  public static List<TrialPlan> matrix(long seed, List<LoaderVariant> variants, List<Fault> faults, List<ClientMode> clients,
      int trialsPerCell, int chunks) {
    SplittableRandom root = new SplittableRandom(seed);
    List<List<TrialPlan>> cells = new ArrayList<>();
    for (LoaderVariant v : variants) {
      for (Fault f : faults) {
        int offset = root.nextInt(clients.size());
        List<TrialPlan> cell = new ArrayList<>();
        for (int i = 0; i < trialsPerCell; i++) {
          ClientMode c = clients.get((offset + i) % clients.size());
          cell.add(plan(root.nextLong(), v, f, c, chunks));
        }
        cells.add(cell);
      }
    }
    List<TrialPlan> plans = new ArrayList<>();
    for (int i = 0; i < trialsPerCell; i++) {
      for (List<TrialPlan> cell : cells) {
        plans.add(cell.get(i));
      }
    }
    return plans;
  }

  /** A random trial: variant, fault and client drawn too (the hunt for a first defect). */
  public static TrialPlan random(SplittableRandom r, List<LoaderVariant> variants, List<Fault> faults, List<ClientMode> clients, int chunks) {
    return plan(r.nextLong(), variants.get(r.nextInt(variants.size())), faults.get(r.nextInt(faults.size())),
        clients.get(r.nextInt(clients.size())), chunks);
  }

  /** The plan of one trial: the chunk, phase and competitor follow from {@code seed}. */
  public static TrialPlan plan(long seed, LoaderVariant variant, Fault fault, ClientMode client, int chunks) {
    SplittableRandom r = new SplittableRandom(seed);
    // plain re-runs everything: a kill at chunk 0 would have nothing to duplicate yet.
    int low = variant == LoaderVariant.PLAIN && chunks > 1 ? 1 : 0;
    int chunk = low + r.nextInt(chunks - low);
    List<Step> phases = fault.phases(variant);
    Step phase = phases.isEmpty() ? null : phases.get(r.nextInt(phases.size()));
    boolean competitor = variant != LoaderVariant.PLAIN;
    return new TrialPlan(seed, variant, fault, client, chunk, phase, competitor);
  }
}
