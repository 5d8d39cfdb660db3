package io.redisrace.chaos.topology;

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
 * The quick Sentinel chaos matrix inside {@code mvn verify}: {@code plain} and {@code fenced-wait} x
 * {@code none} and {@code minority-primary}, one trial each, on Redis 7.0 (the full one is
 * {@code run --mode full --topology sentinel}, docs/chaos.md). The split brain loses plain's
 * acknowledged chunk; fenced-wait's WAIT sees no replica on the isolated primary, so nothing it was
 * told is lost, and its final list is exactly-once.
 */
class SentinelChaosMatrixIntegrationTests {

  @Test
  @Timeout(300)
  void quickSentinelMatrix() throws Exception {
    PrintWriter progress = new PrintWriter(System.out, true);
    ChaosRun.Outcome o = new ChaosRun(SplitBrain.quickMatrix(Topology.SENTINEL, "fenced-wait", "minority-primary"), progress).matrix();
    JsonNode doc = new ObjectMapper().valueToTree(o.document());
    progress.println(ChaosHeatTable.from(doc).markdown());
    progress.printf("%d trials in %.1f s; %s%n", o.trials().size(), o.seconds(), o.file());

    SplitBrain.assertQuickMatrix(o, doc, Topology.SENTINEL, "minority-primary");
    TrialRecord safe = SplitBrain.trial(o, "fenced-wait", "minority-primary");
    assertThat(safe.topology().get("healed")).as("%s", safe.topology()).isEqualTo(true);
    assertThat(safe.hasAckedLoss()).as("%s %s", safe.topology(), safe.replay()).isFalse();
    assertThat(safe.valid()).as(safe.replay()).isTrue();
  }
}
