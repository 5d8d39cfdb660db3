package io.redisrace.chaos.runner;

import io.redisrace.chaos.checker.Checker;
import io.redisrace.chaos.checker.Verdict;
import io.redisrace.chaos.history.History;
import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.ReplyMeter;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.chaos.workload.ControlServer;
import io.redisrace.chaos.workload.LoaderHandle;
import io.redisrace.chaos.workload.LoaderLauncher;
import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.chaos.workload.Workload;
import io.redisrace.chaos.workload.Workloads;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.Jedis;

/**
 * Runs one trial: loader A (an OS process, through its own proxy) and, when planned, competitors B,
 * C, ... (OS processes too, directly on Redis) load the same table; the nemesis strikes A at the planned chunk
 * and step and heals; the {@link Supervisor} restarts A "as an operator would" until every chunk is
 * marked (plain: until a run finishes) or its bound; the checker audits the list and the bitmap. The
 * history is complete before it is analysed. Thread-safe: trials may run side by side (each has
 * its own keys, proxy and loaders).
 */
public final class TrialRunner {
  static final Duration HOLD_BOUND = Duration.ofSeconds(30);
  /** Lines of a failed loader's own output kept in its run record. */
  static final int OUTPUT_LINES = 12;

  private static final AtomicInteger RUN_SEQ = new AtomicInteger();

  private final Deployment deployment;
  private final ControlServer control;
  private final LoaderLauncher launcher;
  private final Workloads workloads;
  private final Duration clientTimeout;
  private final String tag;
  private final Replay replay;

  /** Builds the replay command of a trial. */
  public interface Replay {
    String command(TrialPlan plan);
  }

  public TrialRunner(Deployment deployment, ControlServer control, LoaderLauncher launcher, Workloads workloads, Duration clientTimeout,
      Replay replay) {
    this.deployment = deployment;
    this.control = control;
    this.launcher = launcher;
    this.workloads = workloads;
    this.clientTimeout = clientTimeout;
    this.replay = replay;
    this.tag = "r" + Long.toString(System.currentTimeMillis() % 1_000_000, 36) + RUN_SEQ.incrementAndGet();
  }

  public TrialRecord run(int index, TrialPlan plan) throws InterruptedException {
    long started = System.nanoTime();
    History history = new History();
    String prefix = tag + "-t" + index;
    LoaderKeys keys = deployment.keys(prefix);
    Workload workload = workloads.get(plan.shape().rows(), plan.shape().chunkSize());
    List<LoaderHandle> loaders = new ArrayList<>();
    // A fault-free trial has nothing to time out on: the short client timeout is there to turn a
    // fault into a timeout quickly, and on a starved machine it would only fail healthy loaders.
    long timeoutMs = plan.fault().isNone() ? Math.max(Supervisor.RESTART_TIMEOUT_MS, clientTimeout.toMillis()) : clientTimeout.toMillis();
    LoaderSpec base = new LoaderSpec("", 0, plan.variant(), plan.client(), workload, keys.prefix(), 0, timeoutMs);
    Jedis admin = null;
    try (Deployment.Paths paths = deployment.paths("loader-" + prefix, base);
         // A fault that counts reply bytes puts a meter in front of A's proxy (one server: A connects
         // to that proxy; through the Sentinels or a cluster A connects per node, and no meter is placed).
         ReplyMeter meter = deployment.replicated() ? null : ReplyMeter.forFault(plan.fault(), paths.proxyA())) {
      admin = deployment.admin();
      LoaderSpec specA = meter == null ? paths.a() : paths.a().at(meter.host(), meter.port());
      LoaderSpec specB = paths.others().startingAt(plan.competitorStartChunk());
      TopologyRecord topo = new TopologyRecord(deployment);
      Competitors competitors = new Competitors(plan, prefix, specB, history, loaders);
      LoaderHandle a = startA(plan, prefix, specA, history, loaders);
      Target target = new Target(plan.variant(), a, paths.proxyA(), admin, deployment.primaryAddress(), keys, plan.chunk(), clientTimeout,
          () -> competitors.run(null), history, deployment.topology().orElse(null), deployment.cluster().orElse(null));
      Nemesis.Strike strike = strikeOrRace(plan, a, target, competitors);
      // After a failover the primary is another node: from here on the harness reads and writes there.
      admin = topo.afterStrike(admin, keys, workload, plan.variant(), history);
      Supervisor.finish(a);
      competitors.run(null);
      Supervisor.Outcome supervised = new Supervisor(control, launcher, admin, keys, plan.variant(), workload, history, loaders)
          .supervise(a, specA, prefix, clientTimeout, competitors.someFinished());
      String loaderError = LoaderErrors.of(loaders);
      List<Map<String, Object>> runs = runRecords(loaders);
      Verdict v = check(admin, keys, plan.variant(), workload, history.ops());
      Map<String, Object> nodes = topo.atEnd(keys);
      admin.del(keys.list(), keys.done());
      return record(index, plan, strike, runs, supervised.restarts(), supervised.complete(), v, loaderError, started, history, nodes);
    } finally {
      if (admin != null) {
        admin.close();
      }
      // Whatever went wrong, no loader of this trial outlives it.
      for (LoaderHandle h : loaders) {
        if (h.child() != null && h.child().isAlive()) {
          h.child().signal("CONT");
          h.child().close();
        }
        h.releaseAll();
        control.unregister(h);
      }
    }
  }

  /** Starts loader A, held at the planned step of the planned chunk (or, without a fault, at the start line). */
  private LoaderHandle startA(TrialPlan plan, String prefix, LoaderSpec specA, History history, List<LoaderHandle> loaders) {
    LoaderHandle a = control.register(prefix + ".A", "A", history);
    if (!plan.fault().isNone()) {
      a.holdAt(plan.phase(), plan.chunk());
    } else if (plan.competitor()) {
      a.holdAt(Step.CHUNK_STARTED, 0); // the start line: every loader connected, none has begun
    }
    a = launcher.startProcess(a, specA, LoaderErrors.strikeAfterMs(plan));
    loaders.add(a);
    return a;
  }

  /** Without a fault, the loaders race from the start line; with one, the nemesis strikes A where it is held. */
  private static Nemesis.Strike strikeOrRace(TrialPlan plan, LoaderHandle a, Target target, Competitors competitors)
      throws InterruptedException {
    if (plan.fault().isNone()) {
      competitors.run(a);
      return new Nemesis.Strike(false, "not run");
    }
    if (a.awaitHeld(HOLD_BOUND).isPresent()) {
      return Nemesis.strike(plan.fault(), target);
    }
    Nemesis.heal(target);
    competitors.run(null);
    return new Nemesis.Strike(false, "loader A never reached " + plan.phase() + " of chunk " + plan.chunk());
  }

  /** One record per loader run: its name, exit, and the last lines of a run that failed by itself. */
  private List<Map<String, Object>> runRecords(List<LoaderHandle> loaders) {
    List<Map<String, Object>> runs = new ArrayList<>();
    for (LoaderHandle h : loaders) {
      Map<String, Object> run = new LinkedHashMap<>();
      run.put("process", h.name());
      run.put("exit", h.exitCode());
      Integer exit = h.exitCode();
      if (h.child() != null && exit != null && exit != 0 && exit != 137) {
        // A run that failed by itself (not killed by the nemesis or the bound): its own words say
        // why, and the trial's scratch dir is gone once the run ends.
        run.put("output", h.child().logTail(OUTPUT_LINES));
      }
      runs.add(run);
      control.unregister(h);
    }
    return runs;
  }

  /**
   * The competitors B, C, ... of a trial: real loader processes, directly on Redis, started once
   * (by the nemesis while its fault holds, or beside A when there is none). They are held at the
   * start line (the first chunk-started: connected, scripts loaded, nothing read) until all of them
   * (and A, without a fault) are there, then released together, each after its planned start delay:
   * how long a JVM takes to start must not decide whether loaders overlap.
   */
  private final class Competitors {
    private final TrialPlan plan;
    private final String prefix;
    private final LoaderSpec spec;
    private final History history;
    private final List<LoaderHandle> all;
    private final List<LoaderHandle> started = new ArrayList<>();
    private final AtomicBoolean ran = new AtomicBoolean();

    Competitors(TrialPlan plan, String prefix, LoaderSpec spec, History history, List<LoaderHandle> all) {
      this.plan = plan;
      this.prefix = prefix;
      this.spec = spec;
      this.history = history;
      this.all = all;
    }

    /**
     * Starts them and waits until each has ended (bounded); false when the plan has none or they
     * already ran. {@code a}: loader A, held at the start line too (fault-free trials), else null.
     */
    boolean run(LoaderHandle a) {
      if (!plan.competitor() || !ran.compareAndSet(false, true)) {
        return false;
      }
      try {
        int start = plan.competitorStartChunk();
        for (int i = 0; i < plan.competitors(); i++) {
          String name = String.valueOf((char) ('B' + i));
          LoaderHandle h = control.register(prefix + "." + name, name, history);
          h.holdAt(Step.CHUNK_STARTED, start);
          started.add(launcher.startProcess(h, spec));
          synchronized (all) {
            all.add(h);
          }
        }
        List<LoaderHandle> line = new ArrayList<>(started);
        if (a != null) {
          line.add(0, a);
        }
        for (LoaderHandle h : line) {
          h.awaitHeld(HOLD_BOUND); // one that exits or never gets there is simply not waited for
        }
        long t0 = System.nanoTime();
        if (a != null) {
          a.release();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
          order.add(i);
        }
        order.sort((x, y) -> Integer.compare(plan.startDelaysMs().get(x), plan.startDelaysMs().get(y)));
        for (int i : order) {
          long wait = plan.startDelaysMs().get(i) - (System.nanoTime() - t0) / 1_000_000;
          if (wait > 0) {
            Thread.sleep(wait);
          }
          started.get(i).release();
        }
        for (LoaderHandle h : started) {
          Supervisor.finish(h);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return true;
    }

    boolean someFinished() {
      return started.stream().anyMatch(h -> Integer.valueOf(0).equals(h.exitCode()));
    }
  }

  static Verdict check(Jedis admin, LoaderKeys keys, LoaderVariant variant, Workload workload, List<Op> history) {
    List<String> list = admin.lrange(keys.list(), 0, -1);
    byte[] raw = admin.get(keys.done().getBytes(StandardCharsets.UTF_8));
    return Checker.check(workload.rows(), workload.chunkSize(), variant.marksChunks(), list, redisBits(raw), history);
  }

  /** Redis bitmaps number bits from the most significant bit of the first byte. */
  static BitSet redisBits(byte[] raw) {
    BitSet bits = new BitSet();
    if (raw == null) {
      return bits;
    }
    for (int i = 0; i < raw.length * 8; i++) {
      if ((raw[i / 8] & (0x80 >>> (i % 8))) != 0) {
        bits.set(i);
      }
    }
    return bits;
  }

  private TrialRecord record(int index, TrialPlan plan, Nemesis.Strike strike, List<Map<String, Object>> runs, int restarts,
      boolean complete, Verdict v, String loaderError, long started, History history, Map<String, Object> nodes) {
    return new TrialRecord(index, plan.seed(), plan.variant().id(), plan.fault().id(), plan.client().id(), plan.shape().loaders(),
        plan.shape().chunkSize(), plan.shape().skewMs(), plan.startDelaysMs(), v.chunks(), plan.chunk(),
        plan.phase() == null ? null : plan.phase().id(), plan.competitor(), strike.applied(), strike.note(), runs, restarts,
        complete, v.expected(), v.read(), v.lost(), v.duplicated(), v.duplicatedChunks().size(), v.firstDuplicateMs(),
        v.lostIds().subList(0, Math.min(50, v.lostIds().size())),
        v.duplicatedIds().entrySet().stream().limit(50).collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll),
        v.bitmapInconsistencies(), v.ackedButLost(), loaderError, v.valid() && complete && loaderError == null && TopologyRecord.healed(nodes),
        (System.nanoTime() - started) / 1_000_000, replay.command(plan), nodes, history.ops());
  }

  public Workloads workloads() {
    return workloads;
  }
}
