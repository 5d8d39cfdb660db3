package io.redisrace.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.SplitBrain;
import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.topology.Topology;
import java.io.PrintWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The quick cluster chaos matrix inside {@code mvn verify}: {@code plain} and {@code fenced} x
 * {@code none} and {@code cluster-isolate-primary}, one trial each, on a Redis 7.0 cluster (the full
 * one is {@code run --mode full --topology cluster}, docs/chaos.md). The split brain loses plain's
 * acknowledged chunk; fenced's final list is exactly-once after the supervisor's re-runs, and the
 * gate passes.
 */
class ClusterChaosMatrixIntegrationTests {

  @Test
  @Timeout(300)
  void quickClusterMatrix() throws Exception {
    PrintWriter progress = new PrintWriter(System.out, true);
    ChaosRun.Outcome o = new ChaosRun(SplitBrain.quickMatrix(Topology.CLUSTER, "fenced", "cluster-isolate-primary"), progress).matrix();
    JsonNode doc = new ObjectMapper().valueToTree(o.document());
    progress.println(ChaosHeatTable.from(doc).markdown());
    progress.printf("%d trials in %.1f s; %s%n", o.trials().size(), o.seconds(), o.file());

    SplitBrain.assertQuickMatrix(o, doc, Topology.CLUSTER, "cluster-isolate-primary");
    TrialRecord safe = SplitBrain.trial(o, "fenced", "cluster-isolate-primary");
    assertThat(safe.topology().get("healed")).as("%s", safe.topology()).isEqualTo(true);
    assertThat(safe.valid()).as(safe.replay()).isTrue();
  }
}
