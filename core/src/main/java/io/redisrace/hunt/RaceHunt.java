package io.redisrace.hunt;

import io.redisrace.client.ClientMode;
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
    try (SingleServer target = new SingleServer(server, s)) {
      return run(target, s, progress);
    }
  }

  /** The hunt on any {@link CounterTarget} (a cluster: {@code ClusterCounters}); the caller closes it. */
  public static HuntResult run(CounterTarget target, HuntSettings s, Consumer<Progress> progress) {
    target.clear(s.keyPrefix());
    Hunt hunt = new Hunt(target, s);
    List<Thread> workers = hunt.workers();
    workers.forEach(Thread::start);
    hunt.await(workers, progress);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - hunt.start);
    KeyspaceAudit.Result audit = target.audit(s.keyPrefix());
    target.clear(s.keyPrefix());
    return hunt.result(elapsed, audit);
  }

  /** One server: counters of a {@link CounterDriver}, the keyspace on one admin connection. */
  private static final class SingleServer implements CounterTarget {
    private final RedisEndpoint server;
    private final Jedis admin;
    private final CounterDriver driver;

    SingleServer(RedisEndpoint server, HuntSettings s) {
      this.server = server;
      this.admin = ClientMode.jedis(server.host(), server.port());
      try {
        this.driver = new CounterDriver(s.variant(), s.client(), server.host(), server.port(), server.version(), s.ttlMs());
      } catch (RuntimeException e) {
        admin.close();
        throw e;
      }
    }

    @Override
    public String serverId() {
      return server.serverId();
    }

    @Override
    public io.redisrace.server.RedisVersion version() {
      return server.version();
    }

    @Override
    public Counter newCounter() {
      return driver.newCounter();
    }

    @Override
    public synchronized void delete(String key) {
      admin.del(key);
    }

    @Override
    public synchronized void clear(String prefix) {
      KeyspaceAudit.clear(admin, prefix);
    }

    @Override
    public synchronized KeyspaceAudit.Result audit(String prefix) {
      return KeyspaceAudit.audit(admin, prefix);
    }

    @Override
    public void close() {
      try {
        driver.close();
      } finally {
        admin.close();
      }
    }
  }

  /** One hunt's bounds and counts, shared by its worker threads. */
  private static final class Hunt {
    private final CounterTarget target;
    private final HuntSettings s;
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

    Hunt(CounterTarget target, HuntSettings s) {
      this.target = target;
      this.s = s;
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
        if (System.nanoTime() > deadline) {
          stop.set(true);
        }
      }
    }

    private void count(Outcome o, String key) {
      ops.increment();
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
        target.delete(key); // count it, then remove it so the run goes on
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
      if (errors.sum() > 1000 && errors.sum() > ops.sum()) {
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
          if (now > deadline) {
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
}
