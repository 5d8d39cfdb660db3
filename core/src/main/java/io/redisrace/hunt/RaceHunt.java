package io.redisrace.hunt;

import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterDriver;
import io.redisrace.counter.CounterTarget;
import io.redisrace.counter.KeyspaceAudit;
import io.redisrace.counter.Outcome;
import io.redisrace.server.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;

/**
 * The statistical race hunt: {@code threads} connections run the counter variant as fast as they
 * can on {@code keys} keys until a bound is hit, counting key creations, retries, expiries in
 * flight and TTL-less keys (in-band, then by a keyspace audit). Deterministic triggers belong in
 * tests; this measures rates.
 */
public final class RaceHunt {

  /** A progress snapshot, reported about once a second. */
  public record Progress(Duration elapsed, long ops, long ttlLess) {}

  private RaceHunt() {}

  public static HuntResult run(RedisEndpoint server, HuntSettings s, Consumer<Progress> progress) {
    return run(HuntTarget.of(server), s, progress);
  }

  /** The hunt against {@code where}: one server, or a Sentinel topology's primary. */
  public static HuntResult run(HuntTarget where, HuntSettings s, Consumer<Progress> progress) {
    return run(where, s, null, progress);
  }

  static HuntResult run(HuntTarget where, HuntSettings s, UnderFault fault, Consumer<Progress> progress) {
    try (Counters target = new Counters(where, s)) {
      return run(target, s, fault, progress);
    }
  }

  /** The hunt on any {@link CounterTarget} (a cluster: {@code ClusterCounters}); the caller closes it. */
  public static HuntResult run(CounterTarget target, HuntSettings s, Consumer<Progress> progress) {
    return run(target, s, null, progress);
  }

  private static HuntResult run(CounterTarget target, HuntSettings s, UnderFault fault, Consumer<Progress> progress) {
    target.clear(s.keyPrefix());
    Hunt hunt = new Hunt(target, s, fault);
    List<Thread> workers = hunt.workers();
    workers.forEach(Thread::start);
    hunt.await(workers, progress);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - hunt.start);
    KeyspaceAudit.Result audit = target.audit(s.keyPrefix());
    if (fault != null) {
      fault.settle();
    }
    target.clear(s.keyPrefix());
    return hunt.result(elapsed, audit);
  }

  /**
   * What a hunt under a fault adds ({@link FailoverHunt}): every acknowledged reply goes to the
   * ledger, TTL-less keys are recorded and kept (deleting one would restart its counter), errors
   * back off instead of ending the hunt, the bound waits for {@link #mayStop()} (the strikes
   * healed), and {@link #settle} reads the keyspace before it is cleared.
   */
  interface UnderFault {
    AckLedger ledger();

    boolean mayStop();

    void settle();
  }

  /**
   * The counters of a {@link HuntTarget} (one server, or a Sentinel topology's primary): a
   * {@link CounterDriver} on its connections, the keyspace on the harness's own connection to
   * whichever node holds the data when it asks (after a failover, the new primary).
   */
  private static final class Counters implements CounterTarget {
    private final HuntTarget where;
    private final CounterDriver driver;
    private Jedis janitor; // opened on the first TTL-less key to delete

    Counters(HuntTarget where, HuntSettings s) {
      this.where = where;
      this.driver = new CounterDriver(s.variant(), s.client(), where.version(), s.ttlMs(), () -> where.connections().apply(s.client()));
    }

    @Override
    public String serverId() {
      return where.serverId();
    }

    @Override
    public io.redisrace.server.RedisVersion version() {
      return where.version();
    }

    @Override
    public Counter newCounter() {
      return driver.newCounter();
    }

    @Override
    public synchronized void delete(String key) {
      if (janitor == null) {
        janitor = where.admin().get();
      }
      janitor.del(key);
    }

    @Override
    public void clear(String prefix) {
      try (Jedis admin = where.admin().get()) {
        KeyspaceAudit.clear(admin, prefix);
      }
    }

    @Override
    public KeyspaceAudit.Result audit(String prefix) {
      try (Jedis admin = where.admin().get()) {
        return KeyspaceAudit.audit(admin, prefix);
      }
    }

    @Override
    public void close() {
      try {
        driver.close();
      } finally {
        synchronized (this) {
          if (janitor != null) {
            janitor.close();
          }
        }
      }
    }
  }

  /** One hunt's bounds and counts, shared by its worker threads. */
  private static final class Hunt {
    private final CounterTarget target;
    private final HuntSettings s;
    private final UnderFault fault; // null: a plain hunt
    private final LongAdder ops = new LongAdder();
    private final LongAdder creations = new LongAdder();
    private final LongAdder ttlLess = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong firstTtlLess = new AtomicLong(-1);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> ttlLessKeys = new ConcurrentLinkedQueue<>();
    private final long maxOps;
    private final long start = System.nanoTime();
    private final long deadline;

    Hunt(CounterTarget target, HuntSettings s, UnderFault fault) {
      this.target = target;
      this.s = s;
      this.fault = fault;
      this.maxOps = s.maxOps() > 0 ? s.maxOps() : Long.MAX_VALUE;
      this.deadline = s.duration() == null ? Long.MAX_VALUE : start + s.duration().toNanos();
    }

    /** One daemon thread per connection, not started, each with its own counter. */
    List<Thread> workers() {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < s.threads(); t++) {
        Counter counter = target.newCounter();
        Thread worker = new Thread(() -> work(counter), "hunt-" + s.variant().id() + "-" + t);
        worker.setDaemon(true);
        workers.add(worker);
      }
      return workers;
    }

    /** A worker's loop: increments on random keys until a bound is hit. */
    private void work(Counter counter) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      while (!stop.get() && issued.incrementAndGet() <= maxOps) {
        String key = s.keyPrefix() + (s.keys() == 1 ? 0 : random.nextInt(s.keys()));
        try {
          count(counter.increment(key), key);
        } catch (RuntimeException e) {
          countError(e);
        }
        if (pastBound()) {
          stop.set(true);
        }
      }
    }

    /** Past the deadline, and under a fault only once every strike healed. */
    private boolean pastBound() {
      return System.nanoTime() > deadline && (fault == null || fault.mayStop());
    }

    private void count(Outcome o, String key) {
      ops.increment();
      if (fault != null) {
        fault.ledger().acknowledged(key, o.value());
      }
      retries.add(o.retries());
      if (o.created()) {
        creations.increment();
      }
      if (o.expiredInFlight()) {
        expired.increment();
      }
      if (o.ttlLess()) {
        ttlLess.increment();
        firstTtlLess.compareAndSet(-1, ops.sum());
        if (ttlLessKeys.size() < HuntResult.KEY_SAMPLE && !ttlLessKeys.contains(key)) {
          ttlLessKeys.add(key);
        }
        if (fault != null) {
          fault.ledger().ttlLess(key); // kept: deleting it would restart the counter
        } else {
          target.delete(key); // count it, then remove it so the run goes on
        }
        if (s.stopAfterTtlLess() > 0 && ttlLess.sum() >= s.stopAfterTtlLess()) {
          stop.set(true);
        }
      }
    }

    private void countError(RuntimeException e) {
      errors.increment();
      if (errorSamples.size() < 5) {
        errorSamples.add(e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      if (fault != null) {
        pause(10); // a node is down or a link cut: the strike heals it, do not spin meanwhile
      } else if (errors.sum() > 1000 && errors.sum() > ops.sum()) {
        stop.set(true); // the server is gone; do not spin
      }
    }

    /** Waits for every worker, reporting progress about once a second and enforcing the deadline. */
    void await(List<Thread> workers, Consumer<Progress> progress) {
      long nextReport = start + 1_000_000_000L;
      for (Thread w : workers) {
        while (w.isAlive()) {
          join(w, 100);
          long now = System.nanoTime();
          if (progress != null && now >= nextReport) {
            progress.accept(new Progress(Duration.ofNanos(now - start), ops.sum(), ttlLess.sum()));
            nextReport += 1_000_000_000L;
          }
          if (pastBound()) {
            stop.set(true);
          }
        }
      }
    }

    HuntResult result(Duration elapsed, KeyspaceAudit.Result audit) {
      List<String> keys = new ArrayList<>(ttlLessKeys);
      audit.ttlLessSample().stream().filter(k -> !keys.contains(k)).limit(Math.max(0, HuntResult.KEY_SAMPLE - keys.size())).forEach(keys::add);
      return new HuntResult(
          s.variant().id(), s.client().id(), target.serverId(), target.version().toString(), s.ttlMs(), s.threads(), s.keys(),
          ops.sum(), elapsed, creations.sum(), ttlLess.sum(), audit.ttlLess(), expired.sum(), retries.sum(), errors.sum(),
          firstTtlLess.get(), List.copyOf(errorSamples), List.copyOf(keys));
    }
  }

  private static void join(Thread t, long ms) {
    try {
      t.join(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
