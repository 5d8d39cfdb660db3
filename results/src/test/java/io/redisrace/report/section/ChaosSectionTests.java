package io.redisrace.report.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.report.ChaosJson;
import io.redisrace.report.ReportContext;
import io.redisrace.report.RunData;
import io.redisrace.report.SyntheticRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosSectionTests {
  @TempDir Path tmp;

  RunData run(String name, String chaosJson) throws Exception {
    Path dir = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, name);
    Files.writeString(dir.resolve("chaos.json"), chaosJson);
    return RunData.load(dir);
  }

  @Test
  void aDuplicateOfFencedFailsTheChaosGate() throws Exception {
    RunData run = run("bad", "{\"schema\":\"redis-race/chaos/v1\",\"mode\":\"quick\",\"seed\":7,\"trials\":[{\"index\":0,\"variant\":\"fenced\","
        + "\"fault\":\"reset_peer\",\"client\":\"jedis\",\"rows\":60,\"lost\":0,\"duplicated\":20,\"complete\":true}],"
        + "\"cells\":[{\"variant\":\"fenced\",\"fault\":\"reset_peer\",\"trials\":1,\"withLoss\":0,\"withDuplication\":1}]}");
    assertThat(new ChaosSection().html(ReportContext.of(run)).orElseThrow()).startsWith("<p>Mode <b>quick</b>, seed 7, 1 trials.")
        .contains("<p><b>Chaos gate: FAILED</b></p><ul><li>fenced x reset_peer: ").contains("must be exactly-once");
    assertThat(new ChaosSection().markdown(ReportContext.of(run)).orElseThrow()).contains("Chaos gate: FAILED\n\n- fenced x reset_peer: ");
    assertThat(ChaosJson.present(run)).isTrue();
    assertThat(ChaosJson.gateFailures(run)).hasSize(1);
  }

  @Test
  void aCleanMatrixPassesAndNoChaosJsonNoSection() throws Exception {
    RunData run = run("good", "{\"mode\":\"quick\",\"seed\":7,\"trials\":[],\"cells\":[{\"variant\":\"fenced\",\"fault\":\"sigstop\","
        + "\"trials\":1,\"withLoss\":0,\"withDuplication\":0}]}");
    assertThat(new ChaosSection().html(ReportContext.of(run)).orElseThrow()).endsWith("<p><b>Chaos gate: passed.</b></p>");
    assertThat(new ChaosSection().markdown(ReportContext.of(run)).orElseThrow()).endsWith("Chaos gate: passed.\n");
    RunData none = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).load(tmp, "none");
    assertThat(new ChaosSection().html(ReportContext.of(none))).isEmpty();
    assertThat(ChaosJson.present(none)).isFalse();
    assertThat(ChaosJson.gateFailures(none)).isEmpty();
  }

  @Test
  void theJavaAndThePythonVersionsOfALoaderAreSideBySideWithTheirPrograms() throws Exception {
    // chaos.json in run order: the Java variants, then the --loader-cmd loaders.
    String cells = "{\"variant\":\"client-name-lock\",\"fault\":\"sigstop\",\"trials\":4,\"withLoss\":0,\"withDuplication\":1,\"expectedUnsafe\":true},"
        + "{\"variant\":\"fenced\",\"fault\":\"sigstop\",\"trials\":4,\"withLoss\":0,\"withDuplication\":0},"
        + "{\"variant\":\"py-client-name-lock\",\"fault\":\"sigstop\",\"trials\":4,\"withLoss\":0,\"withDuplication\":2},"
        + "{\"variant\":\"py-fenced\",\"fault\":\"sigstop\",\"trials\":4,\"withLoss\":0,\"withDuplication\":0}";
    String loaders = "{\"id\":\"client-name-lock\",\"program\":\"java\"},{\"id\":\"fenced\",\"program\":\"java\"},"
        + "{\"id\":\"py-client-name-lock\",\"program\":\"python3 seed_step3.py\"},{\"id\":\"py-fenced\",\"program\":\"python3 seed_fenced.py\"}";
    RunData run = run("javapy", "{\"mode\":\"full\",\"seed\":7,\"trials\":[],\"loaders\":[" + loaders + "],\"cells\":[" + cells + "]}");
    assertThat(new ChaosSection().markdown(ReportContext.of(run)).orElseThrow()).isEqualTo("""
        | variant \\ fault | program | sigstop |
        |---|---|---|
        | client-name-lock | java | **0 / 1 of 4** ⚑ |
        | py-client-name-lock | python3 seed_step3.py | **0 / 2 of 4** |
        | fenced | java | 0 / 0 of 4 |
        | py-fenced | python3 seed_fenced.py | 0 / 0 of 4 |

        Cells: trials with lost rows / trials with duplicated rows, of all trials of the cell. \
        ⚑ = known-unsafe cell: the harness must find a defect there.

        Chaos gate: passed.
        """);
    String html = new ChaosSection().html(ReportContext.of(run)).orElseThrow();
    assertThat(html.indexOf(">py-client-name-lock<")).isBetween(html.indexOf(">client-name-lock<"), html.indexOf(">fenced<"));
    assertThat(html).contains(">program</th>").contains(">python3 seed_fenced.py</td>");
  }
}
