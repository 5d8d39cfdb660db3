package io.redisrace.junit5;

import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.loader.LoaderVariant;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a {@link LoaderChaos.Run} found, one {@link TrialRecord} per trial, with assertions whose
 * failure message lists each bad trial: its cell, what was lost or duplicated, and its replay command.
 */
public final class ChaosReport {
  private final LoaderVariant variant;
  private final ChaosRun.Outcome outcome;

  ChaosReport(LoaderVariant variant, ChaosRun.Outcome outcome) {
    this.variant = variant;
    this.outcome = outcome;
  }

  public List<TrialRecord> trials() {
    return outcome.trials();
  }

  /** The run's chaos.json (docs/chaos.md documents its fields). */
  public Path chaosJson() {
    return outcome.file();
  }

  /** Trials that lost or duplicated a row. */
  public List<TrialRecord> defects() {
    return trials().stream().filter(t -> t.hasLoss() || t.hasDuplication()).toList();
  }

  /** Passes when trials ran and none lost or duplicated a row; else an AssertionError listing each bad trial. */
  public ChaosReport assertNoLossOrDuplication() {
    requireTrials();
    List<TrialRecord> bad = defects();
    if (!bad.isEmpty()) {
      throw new AssertionError("Loader variant '" + variant.id() + "' lost or duplicated rows in " + bad.size() + " of "
          + trials().size() + " trials (" + chaosJson() + "):\n" + describe(bad));
    }
    return this;
  }

  /** Passes when every trial was valid: nothing lost, duplicated or inconsistent in the bitmap. */
  public ChaosReport assertAllValid() {
    assertNoLossOrDuplication();
    List<TrialRecord> bad = trials().stream().filter(Predicate.not(TrialRecord::valid)).toList();
    if (!bad.isEmpty()) {
      throw new AssertionError("Loader variant '" + variant.id() + "' left " + bad.size() + " invalid trials (" + chaosJson() + "):\n"
          + describe(bad));
    }
    return this;
  }

  /** Passes when at least one trial lost or duplicated a row: pins a defect known to exist. */
  public ChaosReport assertFindsLossOrDuplication() {
    requireTrials();
    if (defects().isEmpty()) {
      throw new AssertionError("Loader variant '" + variant.id() + "' lost and duplicated nothing in " + trials().size()
          + " trials, where a defect was expected (" + chaosJson() + ").");
    }
    return this;
  }

  private void requireTrials() {
    if (trials().isEmpty()) {
      throw new AssertionError("No chaos trial of '" + variant.id() + "' ran (the time limit, or every trial a harness error; see the output).");
    }
  }

  @Override
  public String toString() {
    return trials().size() + " trials of " + variant.id() + ", " + defects().size() + " with loss or duplication (" + chaosJson() + ")";
  }

  private String describe(List<TrialRecord> bad) {
    String where = ClassPaths.location(variant.getClass());
    return bad.stream().map(t -> {
      StringBuilder b = new StringBuilder("  trial " + t.index() + ": " + t.fault() + " x " + t.client() + ", " + t.loaders() + " loader"
          + (t.loaders() == 1 ? "" : "s") + ", " + t.rows() + " rows in chunks of " + t.chunkSize() + ":");
      if (t.lost() > 0) {
        b.append(" lost ").append(t.lost()).append(" rows ").append(t.lostIds());
      }
      if (t.duplicated() > 0) {
        b.append(" duplicated ").append(t.duplicated()).append(" rows in ").append(t.duplicatedChunks()).append(" chunks ")
            .append(t.duplicatedIds());
      }
      t.bitmap().forEach(s -> b.append(" bitmap: ").append(s));
      if (!t.faultApplied() && !t.fault().equals("none")) {
        b.append(" (fault not applied: ").append(t.note()).append(')');
      }
      b.append("\n    replay: ").append(replay(t.replay(), where));
      return b.toString();
    }).collect(Collectors.joining("\n"));
  }

  /** The trial's replay command, with a user's variant classes on the chaos CLI's class path. */
  static String replay(String command, String variantLocation) {
    String jar = "java -jar chaos/target/redis-race-chaos.jar ";
    if (variantLocation.isEmpty() || !command.startsWith(jar)) {
      return command;
    }
    return "java -cp chaos/target/redis-race-chaos.jar:" + variantLocation + " io.redisrace.chaos.ChaosCli " + command.substring(jar.length());
  }
}
