package io.redisrace.chaos.runner;

import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.process.Shard;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A chaos run: the matrix (variant x fault, N trials per cell, client modes rotating) or a hunt
 * (random trials until the first defect of one variant), with one progress line per trial,
 * bounded by {@link ChaosSettings#timeLimit()}, written to {@code <out>/<timestamp>/chaos.json}.
 */
public final class ChaosRun {
  private final ChaosSettings settings;
  private final PrintWriter progress;
  private Shard shard = Shard.ALL;

  public ChaosRun(ChaosSettings settings, PrintWriter progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /** Runs only {@code part} of the matrix's trials (trial i in shard i mod n + 1, each keeping its index and seed). */
  public ChaosRun shard(Shard part) {
    this.shard = part;
    return this;
  }

  /** What a run produced. */
  public record Outcome(List<TrialRecord> trials, Path file, double seconds, Map<String, Object> document) {}

  public Outcome matrix() throws IOException, InterruptedException {
    List<TrialPlan> plans = Schedule.cells(settings.seed(), settings.cells(), settings.clients());
    return execute(plans, null);
  }

  /** Random trials (seeded) until one of {@code variant} loses or duplicates a row, or the time limit. */
  public Outcome hunt(String variant) throws IOException, InterruptedException {
    SplittableRandom r = new SplittableRandom(settings.seed());
    List<TrialPlan> plans = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      plans.add(Schedule.random(r, settings.variants(), settings.faults(), settings.clients(), settings::shape));
    }
    return execute(plans, variant);
  }

  private Outcome execute(List<TrialPlan> plans, String huntVariant) throws IOException, InterruptedException {
    Instant startedAt = Instant.now();
    Trials trials = new Trials(huntVariant, huntVariant == null ? shard.of(plans).size() : 0);
    try (ChaosEnvironment env = ChaosEnvironment.start(settings)) {
      printHeader(env, plans, huntVariant);
      runAll(env, plans, trials);
      double seconds = (System.nanoTime() - trials.t0) / 1e9;
      return write(env, startedAt, seconds, trials);
    }
  }

  /** What the trials of a run share while they run side by side. */
  private final class Trials {
    final long t0 = System.nanoTime();
    final long deadline = t0 + settings.timeLimit().toNanos();
    final List<TrialRecord> records = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger done = new AtomicInteger();
    final AtomicInteger harnessErrors = new AtomicInteger();
    final AtomicBoolean stop = new AtomicBoolean();
    final Map<String, Object> extra = new ConcurrentHashMap<>();
    final String huntVariant;
    final int total;

    Trials(String huntVariant, int total) {
      this.huntVariant = huntVariant;
      this.total = total;
    }
  }

  private void printHeader(ChaosEnvironment env, List<TrialPlan> plans, String huntVariant) {
    progress.printf("chaos %s: %s trials, seed %d, Redis %s (%s), %s, %s, %d in parallel%s%n",
        settings.mode(), huntVariant == null ? shard.of(plans).size() + (shard.all() ? "" : " (shard " + shard + " of " + plans.size() + ")")
            : "hunt for a " + huntVariant + " defect:",
        settings.seed(), env.redis().version(), env.redis().id(), env.toxiproxy(), shapes(plans), settings.parallel(),
        env.copies() == 1 ? "" : " on " + env.copies() + " copies of the " + settings.topology().topology().id() + " deployment");
    progress.flush();
  }

  /** Runs every plan on a pool of {@code parallel} threads; no trial starts past the time limit or once a hunt found its defect. */
  private void runAll(ChaosEnvironment env, List<TrialPlan> plans, Trials trials) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(settings.parallel(), r -> {
      Thread t = new Thread(r, "trial");
      t.setDaemon(true);
      return t;
    });
    // A trial whose fault strikes the server or topology takes a copy alone; all others share one.
    CopyPool copies = new CopyPool(env.copies());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        if (!shard.holds(i)) {
          continue;
        }
        int index = i;
        TrialPlan plan = plans.get(i);
        futures.add(pool.submit(() -> {
          int copy = copies.acquire(plan.fault().exclusive());
          try {
            boolean broken = runOne(env.runner(copy), index, plan, trials);
            if (broken && plan.fault().exclusive()) {
              replace(env, copy, index, trials);
            }
          } finally {
            copies.release(copy);
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException("a trial failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A copy that a trial left not healed, or that a trial holding it alone failed on, is stopped and
   * started again before the next trial takes it; if that fails, no further trial starts and the
   * run writes what it has.
   */
  private void replace(ChaosEnvironment env, int copy, int index, Trials trials) {
    long t0 = System.nanoTime();
    String outcome;
    try {
      env.replace(copy);
      outcome = String.format("replaced by a new deployment in %.1f s", (System.nanoTime() - t0) / 1e9);
    } catch (RuntimeException e) {
      trials.stop.set(true);
      outcome = "could not be replaced (" + e.getMessage() + "); no further trial starts";
    }
    synchronized (progress) {
      progress.printf("[trial %d] copy %d of the deployment was left unhealthy: %s%n", index, copy + 1, outcome);
      progress.flush();
    }
  }

  /** Runs one trial; true when it left its copy of the deployment unhealthy (not healed, or a harness error). */
  private boolean runOne(TrialRunner runner, int index, TrialPlan plan, Trials trials) throws InterruptedException {
    if (trials.stop.get() || System.nanoTime() > trials.deadline) {
      return false;
    }
    TrialRecord rec;
    double trialStart = (System.nanoTime() - trials.t0) / 1e9;
    try {
      rec = runner.run(index, plan);
    } catch (RuntimeException e) {
      trials.harnessErrors.incrementAndGet();
      synchronized (progress) {
        progress.printf("[trial %d] harness error, trial not counted: %s (replay: %s)%n", index, e,
            plan.variant().id() + " " + plan.fault().id() + " " + plan.client() + " seed " + plan.seed());
        progress.flush();
      }
      return true;
    }
    trials.records.add(rec);
    int n = trials.done.incrementAndGet();
    double s = (System.nanoTime() - trials.t0) / 1e9;
    synchronized (progress) {
      progress.printf("[%4d%s %5.0fs] %-16s x %-20s x %-20s %d loader%s%s: %s%n", n, trials.total > 0 ? "/" + trials.total : "", s,
          rec.variant(), rec.fault(), rec.client(), rec.loaders(), rec.loaders() == 1 ? "" : "s",
          rec.fault().equals("none") ? "" : ", chunk " + rec.chunk(), verdict(rec));
      progress.flush();
    }
    if (trials.huntVariant != null && rec.variant().equals(trials.huntVariant) && (rec.hasDuplication() || rec.hasLoss())
        && trials.stop.compareAndSet(false, true)) {
      trials.extra.put("firstDefect", firstDefect(trials.huntVariant, rec, trialStart, s, n));
    }
    return rec.topology() != null && Boolean.FALSE.equals(rec.topology().get("healed"));
  }

  /** The hunt's find: when the duplicate was committed, if the history shows it; else when the checker saw it. */
  private static Map<String, Object> firstDefect(String variant, TrialRecord rec, double trialStart, double seenAt, int progressIndex) {
    double at = rec.firstDuplicateMs() != null ? trialStart + rec.firstDuplicateMs() / 1000.0 : seenAt;
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("variant", variant);
    first.put("afterSeconds", Math.round(at * 10) / 10.0);
    first.put("foundAfterSeconds", Math.round(seenAt * 10) / 10.0);
    first.put("trial", rec.index());
    first.put("progress", progressIndex);
    first.put("verdict", verdict(rec));
    first.put("replay", rec.replay());
    return first;
  }

  private Outcome write(ChaosEnvironment env, Instant startedAt, double seconds, Trials trials) throws IOException {
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("source", env.source().describe());
    if (trials.extra.containsKey("firstDefect")) {
      extra.put("firstDefect", trials.extra.get("firstDefect"));
    }
    extra.put("harnessErrors", trials.harnessErrors.get());
    if (!shard.all()) {
      extra.put(Shard.FIELD, shard.toString());
    }
    if (trials.huntVariant != null) {
      extra.putIfAbsent("firstDefect", Map.of("variant", trials.huntVariant, "afterSeconds", -1, "trial", -1, "replay", ""));
    }
    List<TrialRecord> sorted = new ArrayList<>(trials.records);
    sorted.sort(Comparator.comparingInt(TrialRecord::index));
    Map<String, Object> doc = ChaosResults.document(settings, env.redis().id(), env.redis().version().toString(),
        env.redis().backend(), env.toxiproxy().toString(), startedAt, seconds, sorted, extra);
    Path file = ChaosResults.write(settings.outDir(), startedAt, shard.suffix(), doc);
    return new Outcome(sorted, file, seconds, doc);
  }

  /** "60 rows in chunks of 20 (1-2 loaders); 2000 rows in chunks of 10 (2, 4 loaders)" */
  static String shapes(List<TrialPlan> plans) {
    Map<String, TreeSet<Integer>> byTable = new LinkedHashMap<>();
    for (TrialPlan p : plans.subList(0, Math.min(plans.size(), 2000))) {
      byTable.computeIfAbsent(p.shape().rows() + " rows in chunks of " + p.shape().chunkSize(), k -> new TreeSet<>())
          .add(p.shape().loaders());
    }
    List<String> parts = new ArrayList<>();
    byTable.forEach((table, loaders) -> parts.add(table + " (" + loaders.stream().map(String::valueOf)
        .collect(Collectors.joining(", ")) + (loaders.size() == 1 && loaders.first() == 1 ? " loader)" : " loaders)")));
    return String.join("; ", parts);
  }

  static String verdict(TrialRecord r) {
    StringBuilder b = new StringBuilder(r.valid() ? "ok" : "INVALID");
    if (r.lost() > 0) {
      b.append(" lost ").append(r.lost());
    }
    if (r.duplicated() > 0) {
      b.append(" duplicated ").append(r.duplicated()).append(" rows in ").append(r.duplicatedChunks()).append(" of ")
          .append(r.chunks()).append(" chunks");
    }
    if (!r.bitmap().isEmpty()) {
      b.append(" bitmap: ").append(r.bitmap().get(0));
    }
    if (!r.faultApplied() && !r.fault().equals("none")) {
      b.append(" (fault not applied: ").append(r.note()).append(')');
    }
    if (r.loaderError() != null) {
      b.append(" loader error: ").append(r.loaderError());
    }
    if (r.restarts() > 0) {
      b.append(" [").append(r.restarts()).append(" restart").append(r.restarts() > 1 ? "s" : "").append(']');
    }
    return b.toString();
  }


}
