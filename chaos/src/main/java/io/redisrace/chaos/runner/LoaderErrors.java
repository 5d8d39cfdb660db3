package io.redisrace.chaos.runner;

import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.chaos.workload.LoaderHandle;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a trial records about black-box loaders ({@link CommandLoader}) that failed by themselves, and
 * when one that reports no steps is struck.
 */
final class LoaderErrors {
  /** A loader that does not opt in to step events is struck a seeded 0..BLIND_WINDOW_MS after its start. */
  static final int BLIND_WINDOW_MS = 500;
  /** Output lines of a failed loader quoted in the sentence. */
  static final int LINES = 5;

  private LoaderErrors() {}

  /** The seeded strike time of a trial's loader A, ms after its start (0 when it opts in: holds are at steps then). */
  static long strikeAfterMs(TrialPlan plan) {
    return plan.variant() instanceof CommandLoader c && !c.optsIn() ? new SplittableRandom(plan.seed() ^ 0x5EEDL).nextInt(BLIND_WINDOW_MS) : 0;
  }

  static boolean failedByItself(List<LoaderHandle> loaders) {
    synchronized (loaders) {
      return loaders.stream().anyMatch(h -> problem(h) != null);
    }
  }

  /**
   * What is wrong with a black-box loader's run itself, as the end of a sentence that starts with
   * its name ("was not found (exit 127)"), or null: nothing (a Java loader, a run still going, a
   * run killed by the harness, or an exit after it showed that it works, but exit 2).
   */
  static String problem(LoaderHandle h) {
    if (h.program() == null) {
      return null;
    }
    if (h.reportedProblem() != null) {
      return h.reportedProblem();
    }
    Integer exit = h.exitCode() != null ? h.exitCode() : h.child() == null ? null : h.child().exitCode().orElse(null);
    if (exit == null || exit == 137) {
      return null;
    }
    if (exit == 127) {
      return "was not found (exit 127)";
    }
    if (exit == 126) {
      return "could not be run (exit 126: not executable)";
    }
    if (!h.hasSignOfLife()) {
      return "exited " + exit + " before it " + (h.program().optsIn() ? "reported a step on the control socket" : "wrote to Redis");
    }
    return exit == 2 ? "exited 2 (bad input, or the source or Redis unreachable)" : null;
  }

  /** One sentence for the first loader run that failed by itself, with its last output lines; null when none did. */
  static String of(List<LoaderHandle> loaders) {
    synchronized (loaders) {
      for (LoaderHandle h : loaders) {
        String problem = problem(h);
        if (problem != null) {
          String tail = h.child() == null ? "" : String.join(" | ", h.child().logTail(LINES).lines().filter(l -> !l.isBlank()).toList());
          return "Loader " + h.name() + " (" + h.program().name() + ": " + h.program().commandLine() + ") " + problem
              + (tail.isEmpty() ? "; it printed nothing." : "; its last output: " + tail);
        }
      }
    }
    return null;
  }
}
