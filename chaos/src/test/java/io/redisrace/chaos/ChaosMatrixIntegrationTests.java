package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chaos matrix inside {@code mvn verify}: quick by default (every variant x fault, one trial
 * each, client modes rotating), {@code -Dchaos.mode=full} for the full one. Writes chaos.json
 * (under results/runs with -Pchaos or -Pbench) and applies the gate: {@code fenced} at 0 lost /
 * 0 duplicated in every cell, and in full mode every known-unsafe cell detected.
 */
class ChaosMatrixIntegrationTests {

  @Test
  @Timeout(1800)
  void matrixPassesTheGate() throws Exception {
    ChaosSettings p = ChaosSettings.preset(System.getProperty("chaos.mode", "quick"));
    Path out = Path.of(System.getProperty("chaos.results.dir", "target/chaos-runs"));
    ChaosSettings s = p.withOutDir(out);
    PrintWriter progress = new PrintWriter(System.out, true);
    ChaosRun.Outcome o = new ChaosRun(s, progress).matrix();
    JsonNode doc = new ObjectMapper().valueToTree(o.document());
    progress.println(ChaosHeatTable.from(doc).markdown());
    progress.printf("%d trials in %.1f s (%.1f trials/min); %s%n", o.trials().size(), o.seconds(),
        o.trials().size() / (o.seconds() / 60), o.file());

    assertThat(o.file()).exists();
    assertThat(o.trials()).hasSize(s.trials());
    assertThat(o.trials().stream().filter(t -> t.variant().equals("fenced")))
        .allSatisfy(t -> {
          assertThat(t.lost()).as(t.replay()).isZero();
          assertThat(t.duplicated()).as(t.replay()).isZero();
          assertThat(t.valid()).as(t.replay()).isTrue();
        });
    assertThat(o.trials().stream().filter(TrialRecord::hasDuplication)).as("the unsafe variants show defects").isNotEmpty();
    assertThat(ChaosGate.evaluate(doc)).isEmpty();
  }
}
