package io.redisrace.chaos.concurrency;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * No fault at all, and still duplicates: 4 loader processes started together on a table of 2,000
 * rows in 200 chunks of 10. {@code client-name-lock} reads the done bit before it takes its "lock",
 * so a loader that read 0 takes the lock just after another loader has committed the chunk and
 * released it (defect c, no step gate needed once loaders really run side by side). The test
 * proves both sides over the same work: client-name-lock duplicates within its bound of
 * {@value #BOUND} trials, and fenced, run through exactly the same trials (seeds, clients, start
 * delays), never does. A single loader of client-name-lock, with nothing going wrong, loads every
 * row once: the duplicates come from the concurrency, not from the loader.
 *
 * <p>Bounded in count (trials), not in time: the start line of the trial runner releases the
 * loaders together once all have connected, so how long a JVM takes to start on a busy machine does
 * not decide whether they overlap. Measured: every one of the first trials of 3 hunts duplicated
 * (11 to 40 of 200 chunks) beside other builds.
 */
@Timeout(600)
class ConcurrentLoadersIntegrationTests {
  static final int BOUND = 8;
  static final Shape FOUR = new Shape(4, 2000, 10, 0);

  @Test
  void fourClientNameLockLoadersDuplicateWithoutAnyFault_fencedNeverDoes() throws Exception {
    ChaosSettings s = ChaosSettings.preset("quick");
    SplittableRandom r = new SplittableRandom(20261201);
    List<ClientMode> clients = List.of(ClientMode.values());
    try (ChaosEnvironment env = ChaosEnvironment.start(s)) {
      List<TrialPlan> tried = new ArrayList<>();
      TrialRecord found = null;
      for (int i = 0; i < BOUND && found == null; i++) {
        TrialPlan plan = Schedule.plan(r.nextLong(), LoaderVariants.parse("client-name-lock"), Faults.none(), clients.get(i % clients.size()), FOUR);
        tried.add(plan);
        TrialRecord rec = env.runner().run(i, plan);
        assertThat(rec.lost()).as("no row is ever lost without a fault; %s", rec.replay()).isZero();
        assertThat(rec.complete()).as("every chunk marked; %s", rec.replay()).isTrue();
        if (rec.hasDuplication()) {
          found = rec;
        }
      }
      assertThat(found).as("client-name-lock duplicated within %d trials of 4 loaders x 200 chunks", BOUND).isNotNull();
      assertThat(found.duplicatedChunks()).isPositive();
      assertThat(found.loaders()).isEqualTo(4);
      assertThat(found.runs()).as("A, B, C and D ran as processes").hasSizeGreaterThanOrEqualTo(4);

      int index = 100;
      for (TrialPlan p : tried) {
        TrialPlan same = new TrialPlan(p.seed(), LoaderVariants.parse("fenced"), p.fault(), p.client(), p.shape(), p.chunk(), p.phase(),
            p.startDelaysMs());
        TrialRecord rec = env.runner().run(index++, same);
        assertThat(rec.duplicated()).as("fenced duplicated; %s", rec.replay()).isZero();
        assertThat(rec.lost()).as("fenced lost rows; %s", rec.replay()).isZero();
        assertThat(rec.valid()).as(rec.replay()).isTrue();
      }

      TrialRecord alone = env.runner().run(200, Schedule.plan(7, LoaderVariants.parse("client-name-lock"), Faults.none(), ClientMode.JEDIS,
          new Shape(1, 2000, 10, 0)));
      assertThat(alone.valid()).as("one client-name-lock loader alone is exactly-once; %s", alone.replay()).isTrue();
    }
  }
}
