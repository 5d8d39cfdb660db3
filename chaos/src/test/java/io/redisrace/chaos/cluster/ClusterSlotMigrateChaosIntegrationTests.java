package io.redisrace.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
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
import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import io.redisrace.topology.TopologyFault;
import io.redisrace.topology.TopologyFaults;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Test (i) of issue 16: slot 5999 migrates while loader A's commit is in flight, on a Redis 7.0
 * cluster, deterministically. A ({@code jedis-retry}: maxAttempts 3, JedisCluster's retry) is held at
 * {@code rows-read} of chunk 2 of 3; {@code cluster-slot-migrate} sets the slot IMPORTING on the
 * next primary and MIGRATING on its owner; while both hold, a downstream {@code limit_data} on A's
 * proxy of the owner lets the commit run there (the owner still has the keys) and cuts its
 * acknowledging reply (FIN); A's retry is held at {@code commit-retry} until the migration has moved
 * the keys and set the slot's new owner; then A's reconnect renews the slot map and sends the commit
 * again, to the new owner.
 *
 * <ul>
 *   <li>{@code plain}: the resent MULTI/LPUSH/EXEC runs a second time: ids 41..60 twice.</li>
 *   <li>{@code fenced}: the resent script sees bit 2, migrated with the list, and pushes nothing:
 *       exactly-once.</li>
 * </ul>
 */
class ClusterSlotMigrateChaosIntegrationTests {
  static final Shape SHAPE = new Shape(1, 60, 20, 0);
  static final int LAST = 2;

  static ChaosEnvironment env;

  @BeforeAll
  static void start() {
    ChaosSettings quick = ChaosSettings.preset("quick");
    ChaosSettings s = new ChaosSettings("quick", quick.seed(), LoaderVariants.all(), List.of(Faults.parse("cluster-slot-migrate")),
        List.of(ClientMode.JEDIS_RETRY), 1, SHAPE.rows(), SHAPE.chunkSize(), 1, 0, ChaosSettings.Concurrency.OFF, quick.clientTimeout(), 1,
        "7.0", quick.outDir(), quick.timeLimit(), null, "rows", quick.backend(), new TopologySettings(Topology.CLUSTER, Persistence.NONE, 0));
    env = ChaosEnvironment.start(s);
  }

  @AfterAll
  static void stop() {
    if (env != null) {
      env.close();
    }
  }

  /** cluster-slot-migrate with the reply of A's applied commit cut on A's path while the slot is MIGRATING. */
  static final class MigrateMidCommit implements Fault {
    private final ClusterFault migrate = TopologyFaults.parseCluster("cluster-slot-migrate");

    @Override
    public String id() {
      return "cluster-slot-migrate";
    }

    @Override
    public String summary() {
      return "the slot migrates while A's commit is in flight; its reply is cut and A's retry waits for the new owner";
    }

    @Override
    public List<Step> phases(LoaderVariant variant) {
      return List.of(Step.ROWS_READ);
    }

    @Override
    public boolean exclusive() {
      return true;
    }

    @Override
    public Nemesis.Strike strike(Target t) throws IOException, InterruptedException {
      boolean[] retried = new boolean[1];
      TopologyFault.Outcome o = migrate.strike(t.cluster(), () -> {
        try {
          t.proxy().toxics().limitData("cut-ack", ToxicDirection.DOWNSTREAM, Nemesis.cutLastReply(t.variant()));
          t.a().holdAt(Step.COMMIT_RETRY, t.chunk());
          t.a().release();
          retried[0] = Nemesis.await(() -> t.a().events().stream().anyMatch(e -> e.chunk() == t.chunk() && e.step() == Step.COMMIT_RETRY),
              Nemesis.EFFECT_BOUND);
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      Nemesis.heal(t);
      t.a().release(); // the retry, now that the slot has its new owner
      return new Nemesis.Strike(retried[0] && o.healed(), o.what() + (retried[0] ? "; A's commit retried after the move" : "; no retry"));
    }
  }

  static TrialPlan plan(String variant) {
    return new TrialPlan(1, LoaderVariants.parse(variant), new MigrateMidCommit(), ClientMode.JEDIS_RETRY, SHAPE, LAST, Step.ROWS_READ,
        List.of());
  }

  static boolean retriedByA(Op op) {
    return op.type() == Op.Type.invoke && "commit".equals(op.f()) && "A".equals(op.process()) && op.value() instanceof Number n
        && n.intValue() == LAST && op.detail().containsKey("attempt");
  }

  @Test
  @Timeout(180)
  void i_jedisClusterRetryResendsTheAppliedPlainCommitToTheNewOwner_theChunkIsDuplicated() throws Exception {
    TrialRecord r = env.runner().run(0, plan("plain"));
    Map<String, Object> topo = r.topology();
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(topo.get("primaryAfter")).as("the slot moved").isNotEqualTo(topo.get("primaryBefore"));
    assertThat(r.history()).as("A sent its commit of chunk 2 again").anyMatch(ClusterSlotMigrateChaosIntegrationTests::retriedByA);
    assertThat(r.duplicatedIds()).as(r.replay())
        .isEqualTo(LongStream.rangeClosed(41, 60).boxed().collect(Collectors.toMap(id -> id, id -> 2)));
    assertThat(r.lost()).isZero();
    assertThat(r.valid()).isFalse();
  }

  @Test
  @Timeout(180)
  void i_fencedStaysExactlyOnce_theResentScriptSeesTheMigratedBit() throws Exception {
    TrialRecord r = env.runner().run(1, plan("fenced"));
    Map<String, Object> topo = r.topology();
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(topo.get("primaryAfter")).isNotEqualTo(topo.get("primaryBefore"));
    assertThat(r.history()).as("A sent its commit of chunk 2 again").anyMatch(ClusterSlotMigrateChaosIntegrationTests::retriedByA);
    assertThat(r.history()).as("the resent script found the chunk loaded")
        .anyMatch(op -> op.type() == Op.Type.ok && "commit".equals(op.f()) && "A".equals(op.process()) && op.value() instanceof Number n
            && n.intValue() == LAST && Boolean.FALSE.equals(op.detail().get("applied")));
    assertThat(r.duplicated()).as(r.replay()).isZero();
    assertThat(r.lost()).isZero();
    assertThat(r.valid()).isTrue();
  }
}
