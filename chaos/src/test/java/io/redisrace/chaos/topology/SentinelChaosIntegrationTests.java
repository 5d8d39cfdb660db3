package io.redisrace.chaos.topology;

import io.redisrace.chaos.SplitBrain;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.client.ClientMode;
import io.redisrace.topology.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The split brain of issue 15 as deterministic trials on a Sentinel topology of Redis 7.0 (step
 * gates plus a fault, no lucky timing). Loader A is held at {@code rows-read} of its last chunk
 * (chunk 2 of 3); {@code minority-primary} cuts the primary from its replicas and Sentinels; once a
 * replica was promoted, A is let go and commits through its own proxy to the isolated old primary,
 * which acknowledges it; then the fault heals, the old primary is demoted and resyncs, and what it
 * acknowledged alone is gone.
 *
 * <ul>
 *   <li>(f) {@code plain}: the chunk stays lost (plain marks nothing, so A's finished run ends the
 *       load); the checker names its ids and the acknowledged-but-lost chunk.</li>
 *   <li>(g) {@code fenced}: the supervisor sees bit 2 unset on the new primary and re-runs A; the
 *       final list is exactly-once, and the history still holds A's acknowledged commit of chunk 2,
 *       recorded as lost at the heal.</li>
 * </ul>
 */
class SentinelChaosIntegrationTests {
  static final Fault MINORITY = Faults.parse("minority-primary");

  static ChaosEnvironment env;

  @BeforeAll
  static void start() {
    env = ChaosEnvironment.start(SplitBrain.settings(Topology.SENTINEL, MINORITY));
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  @Timeout(180)
  void f_theIsolatedPrimaryAcknowledgesAPlainChunkThatIsLostAfterTheHeal() throws Exception {
    TrialRecord r = env.runner().run(0, SplitBrain.plan(MINORITY, "plain", ClientMode.LETTUCE));
    SplitBrain.assertPlainChunkLost(r);
  }

  @Test
  @Timeout(180)
  void g_fencedIsExactlyOnceAfterTheSupervisorsReRun_theHistoryStillShowsTheLostAcknowledgement() throws Exception {
    TrialRecord r = env.runner().run(1, SplitBrain.plan(MINORITY, "fenced", ClientMode.JEDIS));
    SplitBrain.assertFencedExactlyOnceAfterTheReRun(r);
  }
}
