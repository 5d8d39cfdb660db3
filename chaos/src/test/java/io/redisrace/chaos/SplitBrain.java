package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TopologySettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * What the split-brain tests of both replicated topologies share (the Sentinel's
 * {@code minority-primary}, the cluster's {@code cluster-isolate-primary}): the step-gated trial
 * (loader A held at {@code rows-read} of its last chunk, let go once a replica took over, its commit
 * acknowledged by the isolated old primary) with what it must show for {@code plain} and for
 * {@code fenced}, and the quick matrix of {@code plain} and a safe variant under that fault.
 */
public final class SplitBrain {
  /** One loader, 60 rows in 3 chunks of 20: A's last chunk is chunk 2, ids 41..60. */
  public static final Shape SHAPE = new Shape(1, 60, 20, 0);
  public static final int LAST = 2;

  private SplitBrain() {}

  /** One-trial settings of every variant under {@code fault} on Redis 7.0 of {@code topology}: what a step-gated environment starts. */
  public static ChaosSettings settings(Topology topology, Fault fault) {
    ChaosSettings quick = ChaosSettings.preset("quick");
    return new ChaosSettings("quick", quick.seed(), LoaderVariants.all(), List.of(fault), List.of(ClientMode.LETTUCE),
        1, SHAPE.rows(), SHAPE.chunkSize(), 1, 0, ChaosSettings.Concurrency.OFF, quick.clientTimeout(), 1, "7.0",
        quick.outDir(), quick.timeLimit(), null, "rows", quick.backend(), new TopologySettings(topology, Persistence.NONE, 0));
  }

  /** A held at {@code rows-read} of its last chunk while {@code fault} strikes. */
  public static TrialPlan plan(Fault fault, String variant, ClientMode client) {
    return new TrialPlan(1, LoaderVariants.parse(variant), fault, client, SHAPE, LAST, Step.ROWS_READ, List.of());
  }

  /** Loader A's own commit of {@code chunk}, acknowledged as applied. */
  public static boolean ackedByA(Op op, int chunk) {
    return op.type() == Op.Type.ok && "commit".equals(op.f()) && "A".equals(op.process()) && op.value() instanceof Number n
        && n.intValue() == chunk && Boolean.TRUE.equals(op.detail().get("applied"));
  }

  /** {@code plain}: the acknowledged last chunk is lost for good, and the checker names its ids and the chunk. */
  public static void assertPlainChunkLost(TrialRecord r) {
    Map<String, Object> topo = r.topology();
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(topo.get("healed")).as("%s", topo).isEqualTo(true);
    assertThat(topo.get("primaryAfter")).as("a replica took over").isNotEqualTo(topo.get("primaryBefore"));
    assertThat(r.history()).as("A's commit of chunk 2 was acknowledged").anyMatch(op -> ackedByA(op, LAST));
    assertThat(r.lostIds()).as(r.replay()).containsExactlyElementsOf(LongStream.rangeClosed(41, 60).boxed().toList());
    assertThat(r.ackedButLost()).containsExactly(LAST);
    assertThat(topo.get("lostAtHeal")).isEqualTo(List.of(LAST));
    assertThat(r.duplicated()).isZero();
    assertThat(r.valid()).isFalse();
    assertThat(r.restarts()).as("plain's finished run ends the load").isZero();
  }

  /** {@code fenced}: the supervisor's re-run loads the lost chunk on the new primary; exactly-once, and the heal's loss stays on record. */
  public static void assertFencedExactlyOnceAfterTheReRun(TrialRecord r) {
    Map<String, Object> topo = r.topology();
    assertThat(r.faultApplied()).as(r.note()).isTrue();
    assertThat(topo.get("healed")).as("%s", topo).isEqualTo(true);
    assertThat(topo.get("primaryAfter")).isNotEqualTo(topo.get("primaryBefore"));
    assertThat(r.history()).as("A's acknowledged commit of chunk 2").anyMatch(op -> ackedByA(op, LAST));
    assertThat(topo.get("lostAtHeal")).as("lost at the heal, before the re-run").isEqualTo(List.of(LAST));
    assertThat(r.restarts()).as("the supervisor re-ran A after the failover").isGreaterThanOrEqualTo(1);
    assertThat(r.history()).as("the re-run loaded chunk 2 on the new primary")
        .anyMatch(op -> op.type() == Op.Type.ok && "commit".equals(op.f()) && op.process().startsWith("A'")
            && op.value() instanceof Number n && n.intValue() == LAST);
    assertThat(r.lost()).as(r.replay()).isZero();
    assertThat(r.duplicated()).isZero();
    assertThat(r.ackedButLost()).isEmpty();
    assertThat(r.complete()).isTrue();
    assertThat(r.valid()).isTrue();
  }

  /** The quick matrix of {@code plain} and {@code safe} x {@code none} and {@code fault}, one trial each, on Redis 7.0 of {@code topology}. */
  public static ChaosSettings quickMatrix(Topology topology, String safe, String fault) {
    ChaosSettings q = ChaosSettings.preset("quick");
    return new ChaosSettings("quick", q.seed(), List.of(LoaderVariants.parse("plain"), LoaderVariants.parse(safe)),
        List.of(Faults.none(), Faults.parse(fault)), List.of(ClientMode.LETTUCE, ClientMode.JEDIS), 1, q.rows(),
        q.chunkSize(), null, 0, ChaosSettings.Concurrency.OFF, q.clientTimeout(), 2, "7.0",
        Path.of(System.getProperty("chaos.results.dir", "target/chaos-runs")), q.timeLimit(), null, "rows", q.backend(),
        new TopologySettings(topology, Persistence.NONE, 0));
  }

  /** What every quick split-brain matrix shows: four trials, plain's acknowledged chunk lost under the fault, the gate passing. */
  public static void assertQuickMatrix(ChaosRun.Outcome o, JsonNode doc, Topology topology, String fault) {
    assertThat(o.trials()).hasSize(4);
    assertThat(doc.path("server").path("topology").asText()).isEqualTo(topology.id());
    TrialRecord plain = trial(o, "plain", fault);
    assertThat(plain.topology().get("healed")).as("%s", plain.topology()).isEqualTo(true);
    assertThat(plain.ackedButLost()).as(plain.replay()).isNotEmpty();
    assertThat(plain.lost()).isPositive();
    assertThat(o.trials().stream().filter(t -> t.fault().equals("none"))).allMatch(TrialRecord::valid);
    assertThat(doc.path("cells")).anyMatch(c -> c.path("variant").asText().equals("plain")
        && c.path("fault").asText().equals(fault) && c.path("withAckedLoss").asInt() == 1);
    assertThat(ChaosGate.evaluate(doc)).isEmpty();
  }

  public static TrialRecord trial(ChaosRun.Outcome o, String variant, String fault) {
    return o.trials().stream().filter(t -> t.variant().equals(variant) && t.fault().equals(fault)).findFirst().orElseThrow();
  }
}
