package io.redisrace.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.SplitBrain;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.client.ClientMode;
import io.redisrace.topology.Topology;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Test (j) of issue 16: the cluster's split brain as deterministic trials on a Redis 7.0 cluster
 * (step gates plus a fault, no lucky timing). Loader A, a cluster client whose keys carry the hash
 * tag {@code {redis-race}}, is held at {@code rows-read} of its last chunk (chunk 2 of 3);
 * {@code cluster-isolate-primary} cuts the slot's primary from its replica and the bus (not from its
 * clients) and promotes the replica with TAKEOVER; once it took the slot, A is let go and commits on
 * its connection to the isolated old primary, which still claims the slot and acknowledges; at the
 * heal the old primary sees the higher epoch, becomes the new primary's replica and resyncs, and
 * what it acknowledged alone is gone.
 *
 * <ul>
 *   <li>{@code plain}: the chunk stays lost (plain marks nothing, so A's finished run ends the load);
 *       the checker names its ids and the acknowledged-but-lost chunk.</li>
 *   <li>{@code fenced}: the supervisor sees bit 2 unset on the slot's new primary and re-runs A; the
 *       final list is exactly-once, and {@code lostAtHeal} still shows A's lost acknowledgement.</li>
 * </ul>
 */
class ClusterChaosIntegrationTests {
  static final Fault ISOLATE = Faults.parse("cluster-isolate-primary");

  static ChaosEnvironment env;

  @BeforeAll
  static void start() {
    env = ChaosEnvironment.start(SplitBrain.settings(Topology.CLUSTER, ISOLATE));
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  @Test
  @Timeout(180)
  void j_theIsolatedPrimaryAcknowledgesAPlainChunkThatIsLostAfterTheFailover() throws Exception {
    TrialRecord r = env.runner().run(0, SplitBrain.plan(ISOLATE, "plain", ClientMode.LETTUCE));
    SplitBrain.assertPlainChunkLost(r);
    Map<String, Object> topo = r.topology();
    assertThat(r.note()).as("the replica took the slot over").contains("took over");
    assertThat(topo.get("listLengths")).as("the slot's two copies hold chunks 0 and 1 alone")
        .isEqualTo(Map.of(topo.get("primaryBefore"), 40L, topo.get("primaryAfter"), 40L));
  }

  @Test
  @Timeout(180)
  void j_fencedIsExactlyOnceAfterTheSupervisorsReRun_lostAtHealStillShowsTheLostAcknowledgement() throws Exception {
    TrialRecord r = env.runner().run(1, SplitBrain.plan(ISOLATE, "fenced", ClientMode.JEDIS));
    SplitBrain.assertFencedExactlyOnceAfterTheReRun(r);
  }
}
