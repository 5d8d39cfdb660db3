package io.redisrace.chaos.loadercmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.Step;
import io.redisrace.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Node.js fenced loader of examples/loaders/node (written from docs/your-loader.md alone) as a
 * black-box loader of the matrix, with step events: one trial per cell, the classic shape (A and a
 * competitor B, 60 rows in chunks of 20), every id exactly once. It needs node and the pinned npm
 * packages in examples/loaders/node/node_modules ({@code npm ci} there, which .ci/run runs):
 * without them the tests are skipped with that sentence, but never in CI.
 */
@Timeout(180)
class NodeLoaderMatrixIntegrationTests {
  static final Path DIR = Path.of("..", "examples", "loaders", "node").toAbsolutePath().normalize();
  static final CommandLoader FENCED = new CommandLoader("node-fenced", "node " + DIR.resolve("fenced.js"),
      List.of(Step.BIT_CHECKED, Step.ROWS_READ), true);
  static ChaosEnvironment env;
  static int index;

  @BeforeAll
  static void start() throws Exception {
    assumeInstalled();
    env = ChaosEnvironment.start(ChaosSettings.preset("quick"));
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  static void assumeInstalled() throws Exception {
    boolean ok = false;
    if (Files.isDirectory(DIR.resolve("node_modules"))) {
      try {
        Process p = new ProcessBuilder("node", "-e", "require('ioredis'); require('sql.js')")
            .directory(DIR.toFile()).redirectErrorStream(true).start();
        ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (java.io.IOException noNode) {
        ok = false;
      }
    }
    String why = "node with ioredis and sql.js in " + DIR.resolve("node_modules") + " (run: cd examples/loaders/node && npm ci)";
    if ("true".equals(System.getenv("CI"))) {
      assertThat(ok).as(why).isTrue();
    }
    if (!ok) {
      System.out.println("NodeLoaderMatrixIntegrationTests skipped: it needs " + why);
    }
    Assumptions.assumeTrue(ok, why);
  }

  @ParameterizedTest(name = "{0} with {1}, seed {2}")
  @CsvSource({"none, jedis, 5", "sigkill-in-flight, lettuce, 6", "lost_reply, jedis-retry, 7"})
  void theFencedLoaderLoadsEveryRowOnce(String fault, String client, long seed) throws InterruptedException {
    TrialRecord r = env.runner().run(index++, Schedule.plan(seed, FENCED, Faults.parse(fault),
        ClientMode.valueOf(client.toUpperCase().replace('-', '_')), new Shape(2, 60, 20, 0)));
    assertThat(r.loaderError()).as(r.replay()).isNull();
    assertThat(r.valid()).as(r.replay()).isTrue();
    assertThat(r.complete()).as(r.replay()).isTrue();
    assertThat(r.lost()).as(r.replay()).isZero();
    assertThat(r.duplicated()).as(r.replay()).isZero();
    if (!fault.equals(Faults.NONE)) {
      assertThat(r.faultApplied()).as(r.replay()).isTrue();
    }
    assertThat(ChildProcess.live()).as("no loader left behind").noneMatch(c -> c.name().startsWith("loader ") && c.isAlive());
  }
}
