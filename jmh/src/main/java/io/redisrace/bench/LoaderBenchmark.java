package io.redisrace.bench;

import io.redisrace.client.ClientMode;
import io.redisrace.loader.Loader;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderSettings;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.StepHold;
import io.redisrace.loader.SourceTable;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;

/*
 * ============================== LoaderBenchmark (the price of safety) ==============================
 *
 * THE QUESTION. How many rows per second does each loader variant copy from a SQLite table into a
 * Redis list, with no faults at all? plain is one MULTI per chunk; bitmap adds a GETBIT round trip
 * and a SETBIT; client-name-lock adds the "lock" (MULTI; CLIENT LIST; CLIENT SETNAME; EXEC) and the
 * unlock (two more round trips, and CLIENT LIST costs O(connections)); fenced replaces the MULTI by
 * one EVALSHA that checks the bit and pushes. The chaos harness shows which ones are exactly-once;
 * this shows what that costs.
 *
 * THE STATE. One redis-server and one SQLite table of 10 chunks per trial. Each invocation loads
 * the whole table into fresh keys on one open connection (the connection is not part of the cost;
 * the SQLite reads are, the same for every variant). The keys are deleted after each invocation,
 * outside the measurement. The primary score is loads per second; the secondary metric "rows"
 * (@AuxCounters, OPERATIONS) is rows per second, the number to compare.
 *
 * WHAT WOULD FOOL IT.
 *   - Opening a client per load: a Lettuce RedisClient starts event loops; that would swamp the
 *     difference between variants. The connection is opened once per trial.
 *   - Letting the list grow across invocations: LPUSH on a huge list and the server's memory would
 *     drift; keys are deleted after every invocation (Level.Invocation is fine: a load takes ms).
 *   - Comparing chunk sizes by ops/s: a chunk of 1000 rows is one round trip like a chunk of 100;
 *     the score is rows/s so that both are on one scale.
 *
 * ============================== HOW TO RUN THIS TEST ==============================
 *
 *    $ java -jar jmh/target/benchmarks.jar 'LoaderBenchmark' -f 1 -wi 1 -i 3
 *    $ java -jar jmh/target/benchmarks.jar 'LoaderBenchmark' -p variant=fenced,bitmap -p chunkSize=1000
 *
 * Expected: fenced close to bitmap (one script instead of GETBIT + MULTI), client-name-lock the
 * slowest (two extra round trips per chunk); chunks of 1000 several times the rows/s of 100.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class LoaderBenchmark {
  /** Chunks per load. */
  static final int CHUNKS = 10;

  /**
   * Loader variant id (io.redisrace.loader.LoaderVariants). JMH needs an annotation's values at
   * compile time and a String @Param with none would be an error, so this list is the one data line
   * a new variant adds here; {@code -p variant=<id>} runs any registered variant, listed or not.
   */
  @Param({"plain", "bitmap", "client-name-lock", "fenced", "lease-lock", "fenced-wait"})
  public String variant;

  /** Client mode: jedis or lettuce (no faults here, so the retry modes behave the same). */
  @Param({"jedis", "lettuce"})
  public String client;

  /** Rows per chunk. */
  @Param({"100", "1000"})
  public int chunkSize;

  /** Server id: 2.8, 6.2, 7.0, system. */
  @Param({"7.0"})
  public String server;

  RedisServer redis;
  Path work;
  SourceTable source;
  Jedis admin;
  Loader.Connection connection;
  Loader loader;
  LoaderKeys keys;

  @Setup(Level.Trial)
  public void setUp() {
    redis = RedisServer.start(server);
    work = HarnessDirs.newWorkDir("loader-bench-");
    Path db = SourceTable.generateSqlite(work.resolve("rows.db"), "rows", CHUNKS * chunkSize);
    source = SourceTable.open(SourceTable.sqliteUrl(db), "rows");
    admin = ClientMode.jedis(redis.host(), redis.port());
    keys = new LoaderKeys("bench");
    LoaderSettings settings = new LoaderSettings(redis.host(), redis.port(), ClientMode.parse(client), LoaderVariants.parse(variant),
        source.url(), "rows", chunkSize, keys, 0, Duration.ofSeconds(5), 0);
    loader = new Loader(settings, source, StepHold.NONE);
    connection = loader.connect();
  }

  @TearDown(Level.Invocation)
  public void clearKeys() {
    admin.del(keys.list(), keys.done());
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      connection.close();
      source.close();
      admin.close();
    } finally {
      redis.close();
      HarnessDirs.deleteTree(work);
    }
  }

  /** Rows copied, reported by JMH as a rate: rows per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Rows {
    public long rows;

    @Setup(Level.Iteration)
    public void reset() {
      rows = 0;
    }
  }

  /** Loads the whole table (CHUNKS chunks of chunkSize rows). */
  @Benchmark
  public Loader.Result load(Rows counter) {
    Loader.Result r = loader.run(connection);
    counter.rows += r.rows();
    return r;
  }
}
