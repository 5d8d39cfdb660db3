package io.redisrace.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TopologySettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
    ChaosSettings q = ChaosSettings.preset("quick");
    ChaosSettings s = new ChaosSettings("quick", q.seed(), List.of(LoaderVariants.parse("plain"), LoaderVariants.parse("fenced")),
        List.of(Faults.none(), Faults.parse("cluster-isolate-primary")), List.of(ClientMode.LETTUCE, ClientMode.JEDIS), 1, q.rows(),
        q.chunkSize(), null, 0, ChaosSettings.Concurrency.OFF, q.clientTimeout(), 2, "7.0",
        Path.of(System.getProperty("chaos.results.dir", "target/chaos-runs")), q.timeLimit(), null, "rows", q.backend(),
        new TopologySettings(Topology.CLUSTER, Persistence.NONE, 0));
    PrintWriter progress = new PrintWriter(System.out, true);
    ChaosRun.Outcome o = new ChaosRun(s, progress).matrix();
    JsonNode doc = new ObjectMapper().valueToTree(o.document());
    progress.println(ChaosHeatTable.from(doc).markdown());
    progress.printf("%d trials in %.1f s; %s%n", o.trials().size(), o.seconds(), o.file());

    assertThat(o.trials()).hasSize(4);
    assertThat(doc.path("server").path("topology").asText()).isEqualTo("cluster");
    TrialRecord plain = trial(o, "plain", "cluster-isolate-primary");
    assertThat(plain.topology().get("healed")).as("%s", plain.topology()).isEqualTo(true);
    assertThat(plain.ackedButLost()).as(plain.replay()).isNotEmpty();
    assertThat(plain.lost()).isPositive();
    TrialRecord fenced = trial(o, "fenced", "cluster-isolate-primary");
    assertThat(fenced.topology().get("healed")).as("%s", fenced.topology()).isEqualTo(true);
    assertThat(fenced.valid()).as(fenced.replay()).isTrue();
    assertThat(o.trials().stream().filter(t -> t.fault().equals("none"))).allMatch(TrialRecord::valid);
    assertThat(doc.path("cells")).anyMatch(c -> c.path("variant").asText().equals("plain")
        && c.path("fault").asText().equals("cluster-isolate-primary") && c.path("withAckedLoss").asInt() == 1);
    assertThat(ChaosGate.evaluate(doc)).isEmpty();
  }

  static TrialRecord trial(ChaosRun.Outcome o, String variant, String fault) {
    return o.trials().stream().filter(t -> t.variant().equals(variant) && t.fault().equals(fault)).findFirst().orElseThrow();
  }
}
