package io.redisrace.chaos.loadercmd;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.checker.Checker;
import io.redisrace.chaos.checker.Verdict;
import io.redisrace.chaos.history.History;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.chaos.workload.ControlServer;
import io.redisrace.chaos.workload.Event;
import io.redisrace.chaos.workload.LoaderHandle;
import io.redisrace.chaos.workload.LoaderLauncher;
import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.chaos.workload.Workload;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.Step;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.RedisServer;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.Jedis;

/**
 * The defects (a), (c) and (d) of LoaderDefectsIntegrationTests, forced the same way on the Python
 * loaders of examples/loaders/python, which opt in to step events: loader A is a real python3
 * process held at an exact step through the text control protocol, B another one that runs while A
 * waits, the fault a real signal or toxic. Each shows the seed's defect, then exactly-once for
 * seed_fenced.py through the same interleaving. 60 rows, chunks of 20.
 */
@Timeout(180)
class PythonLoaderDefectsIntegrationTests {
  static final int ROWS = 60;
  static final int CHUNK = 20;
  static final Duration BOUND = Duration.ofSeconds(60);
  static final AtomicInteger SEQ = new AtomicInteger();
  static final CommandLoader STEP1 = PythonLoaders.loader("seed_step1.py", false, Step.ROWS_READ);
  static final CommandLoader STEP3 = PythonLoaders.loader("seed_step3.py", true, Step.BIT_CHECKED, Step.LOCK_TAKEN, Step.ROWS_READ);
  static final CommandLoader FENCED = PythonLoaders.loader("seed_fenced.py", true, Step.BIT_CHECKED, Step.ROWS_READ);

  static RedisServer redis;
  static ToxiproxyServer toxiproxy;
  static ControlServer control;
  static LoaderLauncher launcher;
  static Workload workload;
  static Path work;

  @BeforeAll
  static void start() throws Exception {
    PythonLoaders.assumeInstalled();
    work = HarnessDirs.newWorkDir("pydefects-");
    workload = Workload.sqlite(work, ROWS, CHUNK);
    redis = RedisServer.start("7.0");
    toxiproxy = ToxiproxyServer.start();
    control = new ControlServer();
    launcher = new LoaderLauncher(control, work.resolve("logs"));
  }

  @AfterAll
  static void stop() {
    if (control != null) {
      control.close();
      toxiproxy.close();
      redis.close();
      HarnessDirs.deleteTree(work);
    }
  }

  /** One interleaving of one loader: keys, history, A's proxy, an admin connection. */
  static final class Run implements AutoCloseable {
    final CommandLoader loader;
    final ClientMode client;
    final String prefix;
    final LoaderKeys keys;
    final History history = new History();
    final RedisProxy proxy;
    final Jedis admin;

    Run(CommandLoader loader, ClientMode client) {
      this.loader = loader;
      this.client = client;
      this.prefix = "pydefect" + SEQ.incrementAndGet();
      this.keys = new LoaderKeys(prefix);
      this.proxy = toxiproxy.proxy("pydefect", redis);
      this.admin = ClientMode.jedis(redis.host(), redis.port());
    }

    LoaderSpec spec(String host, int port, int startChunk) {
      return new LoaderSpec(host, port, loader, client, workload, prefix, startChunk, 20_000);
    }

    LoaderHandle startHeld(Step step, int chunk) throws InterruptedException {
      LoaderHandle a = control.register(prefix + ".A", "A", history);
      a.holdAt(step, chunk);
      launcher.startProcess(a, spec(proxy.host(), proxy.port(), 0));
      assertThat(a.awaitHeld(BOUND)).as("A held at %s of chunk %s; log %s", step, chunk, a.child().logTail(20)).isPresent();
      return a;
    }

    int runToEnd(String name, String host, int port, int startChunk) throws InterruptedException {
      LoaderHandle h = launcher.startProcess(prefix + "." + name, name, history, spec(host, port, startChunk));
      Optional<Integer> exit = h.awaitExit(BOUND);
      assertThat(exit).as("%s's exit; log %s", name, h.child().logTail(20)).contains(0);
      return exit.get();
    }

    void competitor(int chunk) throws InterruptedException {
      runToEnd("B", redis.host(), redis.port(), chunk);
    }

    Verdict verdict() {
      BitSet bits = new BitSet();
      for (int c = 0; c < workload.chunks() + 8; c++) {
        if (admin.getbit(keys.done(), c)) {
          bits.set(c);
        }
      }
      return Checker.check(ROWS, CHUNK, loader.marksChunks(), admin.lrange(keys.list(), 0, -1), bits, history.ops());
    }

    @Override
    public void close() {
      proxy.close();
      admin.close();
    }
  }

  static void assertExactlyOnce(Verdict v) {
    assertThat(v.lostIds()).as("lost").isEmpty();
    assertThat(v.duplicatedIds()).as("duplicated").isEmpty();
    assertThat(v.bitmapInconsistencies()).as("bitmap").isEmpty();
    assertThat(v.valid()).isTrue();
  }

  static void assertChunkDuplicated(Verdict v, int chunk) {
    assertThat(v.lostIds()).as("lost").isEmpty();
    assertThat(v.duplicatedIds().keySet()).as("duplicated ids")
        .containsExactlyElementsOf(LongStream.rangeClosed(chunk * CHUNK + 1L, (chunk + 1L) * CHUNK).boxed().toList());
    assertThat(v.duplicatedIds().values()).containsOnly(2);
  }

  // (a) seed step 1 (no marks): SIGKILL with chunk 1 read, then "just run it again": chunk 0 twice.
  Verdict killThenRerun(CommandLoader loader) throws InterruptedException {
    try (Run run = new Run(loader, ClientMode.JEDIS)) {
      LoaderHandle a = run.startHeld(Step.ROWS_READ, 1);
      a.signal("KILL");
      assertThat(a.awaitExit(BOUND)).contains(137);
      run.runToEnd("A'", run.proxy.host(), run.proxy.port(), 0);
      return run.verdict();
    }
  }

  @Test
  void a_seedStep1RerunAfterKillDuplicates_fencedDoesNot() throws InterruptedException {
    assertChunkDuplicated(killThenRerun(STEP1), 0);
    assertExactlyOnce(killThenRerun(FENCED));
  }

  // (c) seed step 3: A reads the bit (0) and is held before its client_list()/client_setname()
  // "lock"; B locks, loads and unlocks chunk 0; A takes the free name and loads chunk 0 again.
  Verdict bitReadBeforeLock(CommandLoader loader) throws InterruptedException {
    try (Run run = new Run(loader, ClientMode.JEDIS)) {
      LoaderHandle a = run.startHeld(Step.BIT_CHECKED, 0);
      run.competitor(0);
      assertThat(run.admin.getbit(run.keys.done(), 0)).as("B marked chunk 0").isTrue();
      a.release();
      assertThat(a.awaitExit(BOUND)).contains(0);
      return run.verdict();
    }
  }

  @Test
  void c_seedStep3BitReadBeforeLockDuplicates_fencedDoesNot() throws InterruptedException {
    assertChunkDuplicated(bitReadBeforeLock(STEP3), 0);
    assertExactlyOnce(bitReadBeforeLock(FENCED));
  }

  // (d) seed step 3 with redis-py's Retry (client mode jedis-retry: retry_on_error ConnectionError,
  // 3 attempts): A holds the "lock" on chunk 0 with its rows read; reset_peer swallows its commit and
  // resets the connection, which frees the name; A is held at its retry (the Retry's backoff reports
  // commit-retry); B sees no lock and loads chunk 0; the toxic goes; A's Retry reconnects and sends
  // the whole MULTI..EXEC again, without its lock: chunk 0 twice. (Java's (d) is Lettuce's replay; in
  // redis-py the same happens through Retry. retry_on_timeout alone does not retry a reset.)
  Verdict resetFreesTheName(CommandLoader loader) throws Exception {
    try (Run run = new Run(loader, ClientMode.JEDIS_RETRY)) {
      String name = run.keys.lockName(0);
      LoaderHandle a = run.startHeld(Step.ROWS_READ, 0);
      if (loader == STEP3) {
        assertThat(run.admin.clientList()).as("A holds the lock").contains("name=" + name + " ");
      }
      run.proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
      a.holdAt(Step.COMMIT_RETRY, 0);
      a.release();
      Optional<Event> retry = a.awaitHeld(BOUND);
      assertThat(retry).as("A about to retry; log %s", a.child().logTail(20)).isPresent();
      assertThat(run.admin.clientList()).doesNotContain("name=" + name + " ");
      assertThat(run.admin.getbit(run.keys.done(), 0)).as("A's commit did not land").isFalse();
      run.competitor(0);
      run.proxy.removeAllToxics();
      a.release();
      assertThat(a.awaitExit(BOUND)).as("A's exit; log %s", a.child().logTail(20)).contains(0);
      assertThat(a.events()).anyMatch(e -> e.is(Step.COMMIT_ACKED, 0));
      return run.verdict();
    }
  }

  @Test
  void d_seedStep3ResetPeerFreesTheNameAndRedisPyRetryDuplicates_fencedDoesNot() throws Exception {
    assertChunkDuplicated(resetFreesTheName(STEP3), 0);
    assertExactlyOnce(resetFreesTheName(FENCED));
  }
}
