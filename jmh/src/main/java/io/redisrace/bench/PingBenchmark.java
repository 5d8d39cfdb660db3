package io.redisrace.bench;

import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterConnections;
import java.util.concurrent.TimeUnit;
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
import redis.clients.jedis.Jedis;

/*
 * ============================== PingBenchmark (calibration) ==============================
 *
 * THE QUESTION. How fast is one bare round trip (PING) with this client, to this server, on this
 * machine, right now? Nothing about counters: it is the yardstick.
 *
 * WHY. Absolute ops/s depend on the CPU, the kernel, the neighbours on a shared CI runner. A
 * counter variant that does one round trip cannot beat PING; one that does three is about a third
 * of it. The gate therefore compares "normalised throughput" = counter score / PING score of the
 * SAME run, SAME client, SAME server, SAME thread count, and combines both error bars. A machine
 * that is 2x slower slows both down and the ratio stays put; a variant that got slower does not.
 *
 * WHAT WOULD FOOL IT.
 *   - Calibrating on another server or client: Lettuce's PING goes through its event loop, Jedis's
 *     does not; 2.8 and 7.0 differ too. BenchRunner runs a PING cell for every (client, server,
 *     threads) that a counter cell uses.
 *   - Calibrating in another session: the noise of a shared machine changes from minute to minute,
 *     so the PING cells run in the same run as the counters, never from a stored number.
 *
 * ============================== HOW TO RUN THIS TEST ==============================
 *
 *    $ java -jar jmh/target/benchmarks.jar 'PingBenchmark' -p server=7.0 -p client=jedis -f 1 -wi 1 -i 3
 *    $ java -jar jmh/target/benchmarks.jar 'PingBenchmark' -p server=7.0 -t 4 -p threads=4 -f 1 -wi 1 -i 3
 *
 * Expected on a 2-core machine: some tens of thousands of ops/s per connection (loopback RTT).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class PingBenchmark {

  /** Client mode id; jedis-retry pings like jedis, lettuce-at-most-once like lettuce. */
  @Param({"jedis"})
  public String client;

  /** Server id: 2.8, 6.2, 7.0, system, embedded:<id>, docker:<image>, redis://host:port, or sentinel:<6.2|7.0> (BenchServer). */
  @Param({"7.0"})
  public String server;

  /**
   * The JMH thread count, repeated as a param so that the 1- and 4-thread PING cells of one run
   * have distinct (benchmark, params) names in jmh.json (JMH keeps threads outside params, and
   * tools that key results by benchmark and params would merge them). BenchRunner sets it to the
   * thread count; a mismatch fails the trial rather than mislabel it.
   */
  @Param({"1"})
  public int threads;

  BenchServer redis;
  CounterConnections connections;
  boolean lettuce;

  @Setup(Level.Trial)
  public void startServer(BenchmarkParams params) {
    if (params.getThreads() != threads) {
      throw new IllegalStateException("PingBenchmark: -p threads=" + threads + " but JMH runs " + params.getThreads()
          + " threads; pass the same number to both (-t N -p threads=N).");
    }
    redis = BenchServer.start(server);
    ClientMode mode = ClientMode.parse(client);
    connections = redis.connections(mode);
    lettuce = mode.family() == ClientMode.Family.LETTUCE;
  }

  @TearDown(Level.Trial)
  public void stopServer() {
    try {
      if (connections != null) {
        connections.close();
      }
    } finally {
      if (redis != null) {
        redis.close();
      }
    }
  }

  /** One connection per benchmark thread. */
  @State(Scope.Thread)
  public static class Connection {
    private Jedis jedis;
    private StatefulRedisConnection<String, String> lettuce;

    @Setup(Level.Trial)
    public void connect(PingBenchmark bench) {
      if (bench.lettuce) {
        lettuce = bench.connections.lettuce();
      } else {
        jedis = bench.connections.jedis();
      }
    }

    @TearDown(Level.Trial)
    public void disconnect() {
      if (lettuce != null) {
        lettuce.close();
      }
      if (jedis != null) {
        jedis.close();
      }
    }

    String ping() {
      return lettuce != null ? lettuce.sync().ping() : jedis.ping();
    }
  }

  @Benchmark
  public String ping(Connection connection) {
    return connection.ping();
  }
}
