package io.redisrace.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TopologySettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
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
  static final Shape SHAPE = new Shape(1, 60, 20, 0);
  static final int LAST = 2;

  static ChaosEnvironment env;

  @BeforeAll
  static void start() {
    ChaosSettings quick = ChaosSettings.preset("quick");
    ChaosSettings s = new ChaosSettings("quick", quick.seed(), LoaderVariants.all(), List.of(ISOLATE), List.of(ClientMode.LETTUCE),
        1, SHAPE.rows(), SHAPE.chunkSize(), 1, 0, ChaosSettings.Concurrency.OFF, quick.clientTimeout(), 1, "7.0",
        quick.outDir(), quick.timeLimit(), null, "rows", quick.backend(), new TopologySettings(Topology.CLUSTER, Persistence.NONE, 0));
    env = ChaosEnvironment.start(s);
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  static TrialPlan plan(String variant, ClientMode client) {
    LoaderVariant v = LoaderVariants.parse(variant);
    return new TrialPlan(1, v, ISOLATE, client, SHAPE, LAST, Step.ROWS_READ, List.of());
  }

  static boolean ackedByA(Op op, int chunk) {
    return op.type() == Op.Type.ok && "commit".equals(op.f()) && "A".equals(op.process()) && op.value() instanceof Number n
        && n.intValue() == chunk && Boolean.TRUE.equals(op.detail().get("applied"));
  }

  @Test
  @Timeout(180)
  void j_theIsolatedPrimaryAcknowledgesAPlainChunkThatIsLostAfterTheFailover() throws Exception {
    TrialRecord r = env.runner().run(0, plan("plain", ClientMode.LETTUCE));
    Map<String, Object> topo = r.topology();
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(r.note()).as("the replica took the slot over").contains("took over");
    assertThat(topo.get("healed")).as("%s", topo).isEqualTo(true);
    assertThat(topo.get("primaryAfter")).as("the slot moved to the replica").isNotEqualTo(topo.get("primaryBefore"));
    assertThat(r.history()).as("A's commit of chunk 2 was acknowledged").anyMatch(op -> ackedByA(op, LAST));
    assertThat(r.lostIds()).as(r.replay()).containsExactlyElementsOf(LongStream.rangeClosed(41, 60).boxed().toList());
    assertThat(r.ackedButLost()).containsExactly(LAST);
    assertThat(topo.get("lostAtHeal")).isEqualTo(List.of(LAST));
    assertThat(topo.get("listLengths")).as("the slot's two copies hold chunks 0 and 1 alone")
        .isEqualTo(Map.of(topo.get("primaryBefore"), 40L, topo.get("primaryAfter"), 40L));
    assertThat(r.duplicated()).isZero();
    assertThat(r.valid()).isFalse();
    assertThat(r.restarts()).as("plain's finished run ends the load").isZero();
  }

  @Test
  @Timeout(180)
  void j_fencedIsExactlyOnceAfterTheSupervisorsReRun_lostAtHealStillShowsTheLostAcknowledgement() throws Exception {
    TrialRecord r = env.runner().run(1, plan("fenced", ClientMode.JEDIS));
    Map<String, Object> topo = r.topology();
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(topo.get("healed")).as("%s", topo).isEqualTo(true);
    assertThat(topo.get("primaryAfter")).isNotEqualTo(topo.get("primaryBefore"));
    assertThat(r.history()).as("A's acknowledged commit of chunk 2").anyMatch(op -> ackedByA(op, LAST));
    assertThat(topo.get("lostAtHeal")).as("lost at the heal, before the re-run").isEqualTo(List.of(LAST));
    assertThat(r.restarts()).as("the supervisor re-ran A after the failover").isGreaterThanOrEqualTo(1);
    assertThat(r.history()).as("the re-run loaded chunk 2 on the slot's new primary")
        .anyMatch(op -> op.type() == Op.Type.ok && "commit".equals(op.f()) && op.process().startsWith("A'")
            && op.value() instanceof Number n && n.intValue() == LAST);
    assertThat(r.lost()).as(r.replay()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.ackedButLost()).isEmpty();
    assertThat(r.complete()).isTrue();
    assertThat(r.valid()).isTrue();
  }
}
