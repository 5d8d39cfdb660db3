package io.redisrace.hunt;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterDriver;
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
    try (Jedis admin = ClientMode.jedis(server.host(), server.port());
        CounterDriver driver = new CounterDriver(s.variant(), s.client(), server.host(), server.port(), server.version(), s.ttlMs())) {
      clear(admin, s.keyPrefix());
      LongAdder ops = new LongAdder();
      LongAdder creations = new LongAdder();
      LongAdder ttlLess = new LongAdder();
      LongAdder expired = new LongAdder();
      LongAdder retries = new LongAdder();
      LongAdder errors = new LongAdder();
      AtomicLong issued = new AtomicLong();
      AtomicLong firstTtlLess = new AtomicLong(-1);
      AtomicBoolean stop = new AtomicBoolean();
      ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
      long maxOps = s.maxOps() > 0 ? s.maxOps() : Long.MAX_VALUE;
      long start = System.nanoTime();
      long deadline = s.duration() == null ? Long.MAX_VALUE : start + s.duration().toNanos();

      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < s.threads(); t++) {
        Counter counter = driver.newCounter();
        Thread worker = new Thread(() -> {
          try (Jedis janitor = ClientMode.jedis(server.host(), server.port())) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (!stop.get() && issued.incrementAndGet() <= maxOps) {
              String key = s.keyPrefix() + (s.keys() == 1 ? 0 : random.nextInt(s.keys()));
              try {
                Outcome o = counter.increment(key);
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
                  janitor.del(key); // count it, then remove it so the run goes on
                  if (s.stopAfterTtlLess() > 0 && ttlLess.sum() >= s.stopAfterTtlLess()) {
                    stop.set(true);
                  }
                }
              } catch (RuntimeException e) {
                errors.increment();
                if (errorSamples.size() < 5) {
                  errorSamples.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                if (errors.sum() > 1000 && errors.sum() > ops.sum()) {
                  stop.set(true); // the server is gone; do not spin
                }
              }
              if (System.nanoTime() > deadline) {
                stop.set(true);
              }
            }
          }
        }, "hunt-" + s.variant().id() + "-" + t);
        worker.setDaemon(true);
        workers.add(worker);
      }
      workers.forEach(Thread::start);
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
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      KeyspaceAudit.Result audit = KeyspaceAudit.audit(admin, s.keyPrefix());
      clear(admin, s.keyPrefix());
      return new HuntResult(
          s.variant().id(), s.client().id(), server.serverId(), server.version().toString(), s.ttlMs(), s.threads(), s.keys(),
          ops.sum(), elapsed, creations.sum(), ttlLess.sum(), audit.ttlLess(), expired.sum(), retries.sum(), errors.sum(),
          firstTtlLess.get(), List.copyOf(errorSamples));
    }
  }

  private static void clear(Jedis admin, String prefix) {
    String cursor = "0";
    do {
      var page = admin.scan(cursor, new redis.clients.jedis.params.ScanParams().match(prefix + "*").count(1000));
      if (!page.getResult().isEmpty()) {
        admin.del(page.getResult().toArray(String[]::new));
      }
      cursor = page.getCursor();
    } while (!cursor.equals("0"));
  }

  private static void join(Thread t, long ms) {
    try {
      t.join(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
