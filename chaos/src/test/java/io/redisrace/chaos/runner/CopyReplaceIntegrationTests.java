package io.redisrace.chaos.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariants;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A copy of the deployment that a trial left unhealthy is replaced: its server (or topology) and its
 * Toxiproxy are stopped, new ones started, and the next trial on that copy runs on them (that the old
 * processes are gone is what the build's leftover check and the reapers see to).
 */
class CopyReplaceIntegrationTests {

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aReplacedCopyRunsOnANewServerAndTheOldOneIsGone() throws Exception {
    try (ChaosEnvironment env = ChaosEnvironment.start(ChaosSettings.preset("quick"))) {
      assertThat(env.runner(0).run(0, plan()).valid()).isTrue();
      Deployment before = env.deployment();
      String oldToxiproxy = env.toxiproxy().toString();

      env.replace(0);

      assertThat(env.deployment()).isNotSameAs(before);
      assertThat(env.toxiproxy().toString()).isNotEqualTo(oldToxiproxy);
      TrialRecord after = env.runner(0).run(1, plan());
      assertThat(after.valid()).isTrue();
      assertThat(after.lost()).isZero();
    }
  }

  private static io.redisrace.chaos.schedule.TrialPlan plan() {
    return Schedule.plan(7, LoaderVariants.parse("fenced"), Faults.none(), ClientMode.JEDIS, new Shape(1, 60, 20, 0));
  }
}
