package io.redisrace.bench;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterTarget;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.counter.KeyspaceAudit;
import io.redisrace.counter.Outcome;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/*
 * ============================== CounterBenchmark ==============================
 *
 * THE QUESTION. "Create the key with a TTL if it is absent, increment it, read its TTL" can be
 * written several ways (CounterVariant: naive, pipeline, multi, lua, watch-retry, multi-heal,
 * lua-heal, and any user variant). What does each cost in throughput, and how often does it leave
 * a key WITHOUT a TTL (a "TTL-less key", which never expires) on Redis 2.8, 6.2 and 7.0?
 *
 * Speed and correctness are measured in the same invocations, so a variant cannot look fast by
 * being wrong in a different run:
 *   - the primary score is operations per second (throughput()) or the latency distribution
 *     (latency(), sample-time mode: p50, p99, p99.9);
 *   - the secondary metrics are @AuxCounters(EVENTS) in the Scope.Thread state Tally: "ops",
 *     "ttlLess" (operations whose own PTTL said -1), "auditTtlLess" (TTL-less keys that the
 *     out-of-band keyspace audit found at the end of each iteration), "created" (INCR created the
 *     key), "expired" (the key expired while the operation ran: PTTL 0 or -2) and "retries" (WATCH
 *     aborts). EVENTS are SUMMED over iterations and threads: they are counts, never rates.
 *     The report divides them by "ops" to get TTL-less keys per million operations, with a 95%
 *     confidence interval.
 *
 * STATE DESIGN.
 *   - Scope.Benchmark (this class): one real redis-server per trial (BenchServer.start(server); with
 *     sentinel:<id> a Sentinel topology, the counters in Sentinel mode; with cluster:<id> or
 *     redis-cluster://host:port,... a cluster, the counters routed by slot: BenchCluster), and one
 *     CounterTarget: the counters, and the harness's own connections that delete and audit keys. Started in @Setup(Level.Trial), stopped in
 *     @TearDown(Level.Trial): no server outlives the fork.
 *   - Scope.Thread (Tally): one counter, i.e. one connection, per benchmark thread, plus a
 *     "janitor" connection that deletes a TTL-less key as soon as it is seen, so that one bad key
 *     is counted once and not on every later operation on the hot key.
 *   - The audit runs in thread 0's iteration teardown and the other threads wait for it (a
 *     CyclicBarrier): JMH runs each thread's teardowns independently, and the wrong version of
 *     this benchmark, without the barrier, had a fast thread stop the server in the middle of the
 *     last audit of a 10,000-key run ("Unexpected end of stream").
 *
 * WHAT WOULD FOOL IT.
 *   - Counting the rate from "ops" and "ttlLess" of different invocations: JMH's measured-op count
 *     excludes the synchronisation warmup/warmdown of multi-threaded iterations, our counters do
 *     not. That is why "ops" is an aux counter too: numerator and denominator always come from the
 *     same invocations.
 *   - Reading an absence of TTL-less keys as "safe": with 0 events in n ops the 95% upper bound is
 *     about 3.7e6/n per million. A 20 ms TTL and one connection find the 2.8 MULTI race only a few
 *     times per million ops; to SHOW it in a short run the matrix also runs a race-hunting cell:
 *     1 ms TTL, 4 threads, one hot key (about 240 per million on this machine). The 1 ms TTL is
 *     not a throughput benchmark: it is the harness's power to find the bug, and the gate checks
 *     that it still finds it.
 *   - Machine speed: absolute ops/s mean nothing across machines. PingBenchmark runs in the same
 *     session, same client, same server; the gate compares score / PING score.
 *   - Dead code elimination: every method returns its result.
 *   - Unsupported cells: multi-heal needs Redis 7.0 (PEXPIRE ... NX). Do not ask JMH for
 *     multi-heal on 2.8: the setup fails. BenchRunner builds the matrix and leaves such cells out.
 *
 * HOW TO READ IT. Compare variants within one server and client. lua is about 2x multi on one
 * connection (one round trip, no queueing). naive shows TTL-less keys on every version; multi only
 * on 2.8 (keys can expire inside EXEC before 6.2.5); lua and lua-heal never.
 *
 * ============================== HOW TO RUN THIS TEST ==============================
 *
 * The whole matrix, report and gate (quick: about 4 minutes here):
 *    $ mvn verify -Pbench -Dbench.mode=quick
 *
 * One cell by hand, with JMH's own command line:
 *    $ mvn -q -pl jmh -am package -DskipTests
 *    $ java -jar jmh/target/benchmarks.jar 'CounterBenchmark.throughput' \
 *        -p variant=multi -p server=2.8 -p ttlMs=1 -p keys=1 -t 4 -f 1 -wi 1 -i 3 -r 2s \
 *        -rf json -rff /tmp/multi-2.8.json
 *
 * Expected: "ttlLess" > 0 (a few hundred per million "ops") for multi on 2.8, 0 for lua.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class CounterBenchmark {

  /**
   * Test-only, off by default: {@code -Dbench.plantSlowdown=0.25} makes every operation busy-wait
   * 25% of its own duration after it returns (an operation 1.25x as long, 20% fewer ops/s). The
   * noise check (NoiseCheck) sets it on one side of an A/B run to measure the detection rate; a
   * static final 0 lets the JIT drop the branch.
   */
  static final double PLANTED_SLOWDOWN = Double.parseDouble(System.getProperty("bench.plantSlowdown", "0"));

  /** Counter variant id (CounterVariants: built-ins and ServiceLoader user variants). */
  @Param({"multi"})
  public String variant;

  /** Client mode id: jedis, jedis-retry, lettuce, lettuce-at-most-once. */
  @Param({"jedis"})
  public String client;

  /**
   * Server id: 2.8, 6.2, 7.0, system, embedded:<id>, docker:<image>, redis://host:port, sentinel:<6.2|7.0>, cluster:<6.2|7.0> or
   * redis-cluster://host:port,... (BenchServer).
   */
  @Param({"7.0"})
  public String server;

  /** TTL given to a new key, milliseconds. */
  @Param({"20"})
  public long ttlMs;

  /** Number of keys; 1 = one hot key that every thread hits. */
  @Param({"1"})
  public int keys;

  BenchServer redis;
  /** The counters, the deletes and the audits: one server's (DriverTarget) or a cluster's (ClusterCounters). */
  CounterTarget target;
  String prefix;
  /**
   * Every thread waits here at the end of an iteration until thread 0 has audited the keyspace:
   * without it, another thread could reach the trial teardown and stop the server in the middle
   * of the last audit (a 10,000-key audit takes a while).
   */
  CyclicBarrier audited;

  @Setup(Level.Trial)
  public void startServer(BenchmarkParams params) {
    audited = new CyclicBarrier(params.getThreads());
    CounterVariant v = CounterVariants.parse(variant);
    redis = BenchServer.start(server);
    ClientMode mode = ClientMode.parse(client);
    target = redis.counters(server, v, mode, ttlMs);
    prefix = "rr:bench:" + variant + ":";
    target.clear(prefix); // a user's cluster may hold a previous run's keys
  }

  @TearDown(Level.Trial)
  public void stopServer() {
    try {
      if (target != null) {
        if (redis.external()) {
          target.clear(prefix); // leave a user's cluster as it was found
        }
        target.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  /**
   * One benchmark thread's connection and its event counters. Public fields are what JMH reports
   * as secondary metrics; they are reset at the start of every iteration and summed by JMH.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Tally {
    /** Operations run by this thread, the denominator of every rate. */
    public long ops;
    /** Operations whose own PTTL said -1: the key is left without a TTL. */
    public long ttlLess;
    /** TTL-less keys found by the keyspace audit at the end of the iteration (thread 0 only). */
    public long auditTtlLess;
    /** Operations whose INCR created the key. */
    public long created;
    /** Operations during which the key expired (PTTL 0 or -2). */
    public long expired;
    /** WATCH aborts and reconnects retried inside operations. */
    public long retries;

    private Counter counter;
    private CounterTarget janitor;
    private boolean auditor;
    private CounterBenchmark bench;

    @Setup(Level.Trial)
    public void connect(CounterBenchmark bench, ThreadParams threads) {
      this.bench = bench;
      this.counter = bench.target.newCounter();
      this.janitor = bench.target;
      this.auditor = threads.getThreadIndex() == 0;
    }

    @Setup(Level.Iteration)
    public void reset() {
      ops = ttlLess = auditTtlLess = created = expired = retries = 0;
    }

    /**
     * The out-of-band check: keys under the prefix with no TTL that the in-band PTTL missed. Runs
     * outside the measured time; then deletes them, so that the next iteration starts clean.
     */
    @TearDown(Level.Iteration)
    public void audit() throws InterruptedException {
      try {
        if (auditor) {
          KeyspaceAudit.Result r = janitor.audit(bench.prefix);
          auditTtlLess = r.ttlLess();
          r.ttlLessSample().forEach(janitor::delete); // one key per DEL: on a cluster the keys are in several slots
        }
      } finally {
        try {
          bench.audited.await(60, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
          // another thread failed: JMH reports its exception; do not hang the fork
        }
      }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
      counter.close(); // the target, closed by the trial teardown, closes the rest
    }

    Outcome run(String key) {
      long started = PLANTED_SLOWDOWN > 0 ? System.nanoTime() : 0;
      Outcome o = counter.increment(key);
      if (PLANTED_SLOWDOWN > 0) {
        long until = started + (long) ((System.nanoTime() - started) * (1 + PLANTED_SLOWDOWN));
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      }
      ops++;
      retries += o.retries();
      if (o.created()) {
        created++;
      }
      if (o.expiredInFlight()) {
        expired++;
      }
      if (o.ttlLess()) {
        ttlLess++;
        janitor.delete(key); // counted once; the hot key must not stay TTL-less for the rest of the run
      }
      return o;
    }
  }

  private String nextKey() {
    return keys == 1 ? prefix + "0" : prefix + ThreadLocalRandom.current().nextInt(keys);
  }

  /** Operations per second, with the TTL-less counts in the same invocations. */
  @Benchmark
  public Outcome throughput(Tally tally) {
    return tally.run(nextKey());
  }

  /**
   * The latency distribution of one operation (p50, p99, p99.9). Same state, same counters: a
   * variant that is fast only because it skips work shows it here too.
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Outcome latency(Tally tally) {
    return tally.run(nextKey());
  }
}
