package io.redisrace.chaos.schedule;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The seeded schedule: which trials a run makes, in which order, and each trial's random choices.
 * Same seed, same settings: same trials, same plans (the JSON of a run lists each trial's own seed
 * and the command that replays it).
 */
public final class Schedule {
  private Schedule() {}

  /** A group of trials of one variant, one fault and one shape. */
  public record CellSpec(LoaderVariant variant, Fault fault, Shape shape, int trials) {}

  /**
   * The classic matrix: {@code trialsPerCell} trials for every variant x fault cell, each variant in
   * its own shape ({@code shapeOf}). Client modes rotate inside a cell from a seeded offset.
   */
  public static List<TrialPlan> matrix(long seed, List<LoaderVariant> variants, List<Fault> faults, List<ClientMode> clients,
      int trialsPerCell, Function<LoaderVariant, Shape> shapeOf) {
    List<CellSpec> cells = new ArrayList<>();
    for (LoaderVariant v : variants) {
      for (Fault f : faults) {
        cells.add(new CellSpec(v, f, shapeOf.apply(v), trialsPerCell));
      }
    }
    return cells(seed, cells, clients);
  }

  /**
   * Trials for every cell, in rounds: round r holds trial r of every cell that has one, so a run cut
   * short by its time limit still covers every cell evenly; inside a cell client modes and the
   * fault's phases rotate. The draws go cell by cell, so adding
   * cells at the end leaves the plans of the cells before them unchanged.
   */
  public static List<TrialPlan> cells(long seed, List<CellSpec> specs, List<ClientMode> clients) {
    SplittableRandom root = new SplittableRandom(seed);
    List<List<TrialPlan>> cells = new ArrayList<>();
    int rounds = 0;
    for (CellSpec spec : specs) {
      int offset = root.nextInt(clients.size());
      List<Step> phases = spec.fault().phases(spec.variant());
      int phaseOffset = root.nextInt(Math.max(1, phases.size()));
      List<TrialPlan> cell = new ArrayList<>();
      for (int i = 0; i < spec.trials(); i++) {
        ClientMode c = clients.get((offset + i) % clients.size());
        // Phases rotate too, like client modes: a fault with three phases strikes each in every
        // third trial, so even a cell cut short covers them all. The phase still follows from the
        // trial's seed (the seed is drawn until its plan has the wanted phase), so a replay needs
        // nothing but the seed.
        Step want = phases.isEmpty() ? null : phases.get((phaseOffset + i) % phases.size());
        TrialPlan p;
        do {
          p = plan(root.nextLong(), spec.variant(), spec.fault(), c, spec.shape());
        } while (want != null && p.phase() != want);
        cell.add(p);
      }
      cells.add(cell);
      rounds = Math.max(rounds, spec.trials());
    }
    List<TrialPlan> plans = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      for (List<TrialPlan> cell : cells) {
        if (i < cell.size()) {
          plans.add(cell.get(i));
        }
      }
    }
    return plans;
  }

  /** A random trial: variant, fault and client drawn too (the hunt for a first defect). */
  public static TrialPlan random(SplittableRandom r, List<LoaderVariant> variants, List<Fault> faults, List<ClientMode> clients,
      Function<LoaderVariant, Shape> shapeOf) {
    LoaderVariant v = variants.get(r.nextInt(variants.size()));
    return plan(r.nextLong(), v, faults.get(r.nextInt(faults.size())), clients.get(r.nextInt(clients.size())), shapeOf.apply(v));
  }

  /** The plan of one trial: the chunk, phase and start delays follow from {@code seed}. */
  public static TrialPlan plan(long seed, LoaderVariant variant, Fault fault, ClientMode client, Shape shape) {
    SplittableRandom r = new SplittableRandom(seed);
    int chunks = shape.chunks();
    // A variant that marks nothing (plain) re-runs everything: a kill at chunk 0 would have nothing to duplicate yet.
    int low = !variant.marksChunks() && chunks > 1 ? 1 : 0;
    int chunk = low + r.nextInt(chunks - low);
    List<Step> phases = fault.phases(variant);
    Step phase = phases.isEmpty() ? null : phases.get(r.nextInt(phases.size()));
    List<Integer> delays = new ArrayList<>();
    for (int i = 1; i < shape.loaders(); i++) {
      delays.add(shape.skewMs() == 0 ? 0 : r.nextInt(shape.skewMs() + 1));
    }
    return new TrialPlan(seed, variant, fault, client, shape, chunk, phase, delays);
  }
}
