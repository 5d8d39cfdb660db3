package io.redisrace.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code server-pause} as a fault of real trials on Redis 7.0 (where DEBUG must be enabled at
 * start): fenced loads every row once while the server sleeps with its commit in flight; lease-lock,
 * held after it took its lease while the server sleeps past the lease, loads a chunk twice.
 */
class ServerPauseIntegrationTests {
  static final Fault PAUSE = Faults.parse("server-pause");
  static final LoaderVariant FENCED = LoaderVariants.parse("fenced");
  static final LoaderVariant LEASE_LOCK = LoaderVariants.parse("lease-lock");

  static ChaosSettings settings() {
    ChaosSettings quick = ChaosSettings.preset("quick");
    return new ChaosSettings("quick", quick.seed(), List.of(FENCED, LEASE_LOCK), List.of(PAUSE), List.of(ClientMode.LETTUCE),
        1, quick.rows(), quick.chunkSize(), null, 0, ChaosSettings.Concurrency.OFF, quick.clientTimeout(), 1, "7.0",
        quick.outDir(), quick.timeLimit(), null, "rows", quick.backend());
  }

  /** The first plan from seed 1 on that strikes {@code variant} at {@code phase}. */
  static TrialPlan planAt(LoaderVariant variant, Step phase, ChaosSettings s) {
    for (long seed = 1; ; seed++) {
      TrialPlan p = Schedule.plan(seed, variant, PAUSE, ClientMode.LETTUCE, s.shape(variant));
      if (p.phase() == phase) {
        return p;
      }
    }
  }

  @Test
  @Timeout(300)
  void fencedStaysExactlyOnceWhileTheServerSleepsMidCommit_leaseLockHeldPastItsLeaseDuplicates() throws Exception {
    ChaosSettings s = settings();
    try (ChaosEnvironment env = ChaosEnvironment.start(s)) {
      TrialRecord r = env.runner().run(0, planAt(FENCED, Step.COMMIT_SENDING, s));
      assertThat(r.faultApplied()).as(r.note() + " " + r.history()).isTrue();
      assertThat(r.note()).isEqualTo("server asleep 2500 ms with the commit in flight");
      assertThat(r.history()).anyMatch(op -> "asleep".equals(op.f()) && Boolean.TRUE.equals(op.value()));
      assertThat(r.lost()).isZero();
      assertThat(r.duplicated()).isZero();
      assertThat(r.valid()).as(r.replay()).isTrue();

      TrialRecord lease = env.runner().run(1, planAt(LEASE_LOCK, Step.BIT_CHECKED, s));
      assertThat(lease.faultApplied()).as(lease.note()).isTrue();
      assertThat(lease.note()).isEqualTo("server asleep 2500 ms with A held before its commit");
      assertThat(lease.lost()).isZero();
      assertThat(lease.duplicatedChunks()).as("the chunk A held under its expired lease, %s", lease.replay()).isEqualTo(1);
    }
  }
}
