package io.redisrace.chaos.runner;

import io.redisrace.chaos.history.History;
import io.redisrace.chaos.workload.ControlServer;
import io.redisrace.chaos.workload.LoaderHandle;
import io.redisrace.chaos.workload.LoaderLauncher;
import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.chaos.workload.Workload;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * The operator of one trial: waits for loader A (bounded, SIGKILL past it) and then restarts it "as
 * an operator would", as new processes {@code A'1}, {@code A'2}, ... with no fault any more and a
 * default-like command timeout, until every chunk is marked (a variant that marks nothing: until a
 * run finishes) or {@link #MAX_RESTARTS}.
 */
final class Supervisor {
  /** The supervisor's bound: restarts per trial. */
  static final int MAX_RESTARTS = 4;
  /** Redis command timeout of the supervisor's re-runs. */
  static final long RESTART_TIMEOUT_MS = 5000;
  /** Longest a loader run may take before the supervisor kills it. */
  static final Duration RUN_BOUND = Duration.ofSeconds(30);

  /** What the supervisor ended with. */
  record Outcome(int restarts, boolean complete) {}

  private final ControlServer control;
  private final LoaderLauncher launcher;
  private final Jedis admin;
  private final LoaderKeys keys;
  private final LoaderVariant variant;
  private final Workload workload;
  private final History history;
  private final List<LoaderHandle> loaders;

  Supervisor(ControlServer control, LoaderLauncher launcher, Jedis admin, LoaderKeys keys, LoaderVariant variant, Workload workload,
      History history, List<LoaderHandle> loaders) {
    this.control = control;
    this.launcher = launcher;
    this.admin = admin;
    this.keys = keys;
    this.variant = variant;
    this.workload = workload;
    this.history = history;
    this.loaders = loaders;
  }

  /**
   * After {@code a} ended ({@link #finish}), restarts it with {@code specA} (its timeout raised to
   * the re-runs') until the load is complete. {@code competitorFinished}: a competitor's run ended
   * with exit 0.
   */
  Outcome supervise(LoaderHandle a, LoaderSpec specA, String prefix, Duration clientTimeout, boolean competitorFinished)
      throws InterruptedException {
    boolean complete = complete(Integer.valueOf(0).equals(a.exitCode()) || competitorFinished);
    int restarts = 0;
    // A black-box loader that failed by itself (not found, never connected) would only fail again.
    while (!complete && restarts < MAX_RESTARTS && !LoaderErrors.failedByItself(loaders)) {
      restarts++;
      // The operator's re-run: no fault any more, the client's default-like timeout (a starved
      // machine must not turn a re-run into another failure).
      LoaderHandle again = launcher.startProcess(control.register(prefix + ".A" + restarts, "A'" + restarts, history),
          specA.withTimeout(Math.max(RESTART_TIMEOUT_MS, clientTimeout.toMillis())));
      synchronized (loaders) {
        loaders.add(again);
      }
      finish(again);
      complete = complete(Integer.valueOf(0).equals(again.exitCode()));
    }
    return new Outcome(restarts, complete);
  }

  /** Every chunk is marked; for a variant that marks nothing, a run finished. */
  private boolean complete(boolean aRunFinished) {
    if (!variant.marksChunks()) {
      return aRunFinished;
    }
    for (int c = 0; c < workload.chunks(); c++) {
      if (!admin.getbit(keys.done(), c)) {
        return false;
      }
    }
    return true;
  }

  /** Waits for a loader to end (bounded; killed past the bound) and records its exit. */
  static void finish(LoaderHandle h) throws InterruptedException {
    Optional<Integer> code = h.awaitExit(RUN_BOUND);
    if (code.isEmpty() && h.child() != null) {
      h.signal("KILL");
      code = h.awaitExit(Duration.ofSeconds(5));
    }
    h.recordExitIfDone(code);
  }
}
