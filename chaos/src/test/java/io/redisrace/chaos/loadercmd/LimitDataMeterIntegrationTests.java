package io.redisrace.chaos.loadercmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code limit_data} says whether it cut something, as A's {@code ReplyMeter} counted it: the
 * limit (the commit's earlier replies plus one byte) is reached by a MULTI/EXEC commit (the seed's
 * step 2 in Python) and by the Java fenced script (no earlier replies: 1 byte), but not by a
 * black-box loader that commits by script: seed_fenced.py's script reply is 4 bytes of the 24 a
 * MULTI/EXEC commit is assumed to need, and its few GETBITs after it stay below the limit too.
 * That trial is "not triggered", and its cell shows it. The classic shape: A and a competitor B,
 * 60 rows in chunks of 20.
 */
@Timeout(180)
class LimitDataMeterIntegrationTests {
  static ChaosEnvironment env;
  static int index;

  @BeforeAll
  static void start() throws Exception {
    PythonLoaders.assumeInstalled();
    env = ChaosEnvironment.start(ChaosSettings.preset("quick"));
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  static TrialRecord trial(LoaderVariant v, long seed) throws InterruptedException {
    TrialRecord r = env.runner().run(index++, Schedule.plan(seed, v, Faults.parse("limit_data"), ClientMode.JEDIS, new Shape(2, 60, 20, 0)));
    assertThat(r.valid()).as(r.replay()).isTrue();
    assertThat(r.lost()).as(r.replay()).isZero();
    return r;
  }

  @Test
  void aMultiExecCommitIsCutAtItsLastReply() throws InterruptedException {
    TrialRecord r = trial(PythonLoaders.loader("seed_step2.py", true, Step.BIT_CHECKED, Step.ROWS_READ), 3);
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(r.note()).isEqualTo("commit delivered, its last reply cut, FIN (cut at 24 reply bytes)");
  }

  @Test
  void theJavaFencedScriptIsCutAtItsFirstByte() throws InterruptedException {
    TrialRecord r = trial(LoaderVariants.parse("fenced"), 4);
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(r.note()).endsWith("(cut at 1 reply bytes)");
    assertThat(r.duplicated()).isZero();
  }

  @Test
  void aBlackBoxScriptCommitPassesTheLimitWholeAndTheFaultIsNotTriggered() throws InterruptedException {
    TrialRecord r = trial(PythonLoaders.loader("seed_fenced.py", true, Step.BIT_CHECKED, Step.ROWS_READ), 5);
    System.out.println("LimitDataMeterIntegrationTests: seed_fenced.py under limit_data: " + r.note());
    assertThat(r.faultApplied()).as(r.note()).isFalse();
    assertThat(r.note()).startsWith("not triggered: the limit of 24 reply bytes was never reached (at most ")
        .endsWith("before the heal), so nothing was cut");
    assertThat(r.duplicated()).isZero();
    assertThat(r.complete()).isTrue();
  }
}
