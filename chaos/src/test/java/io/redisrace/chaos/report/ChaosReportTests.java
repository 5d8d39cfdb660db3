package io.redisrace.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChaosReportTests {
  static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, Object> cell(String v, String f, int trials, int loss, int dup) {
    return Map.of("variant", v, "fault", f, "trials", trials, "withLoss", loss, "withDuplication", dup,
        "expectedUnsafe", KnownUnsafe.knownUnsafe(v, f, 2, 3));
  }

  static JsonNode doc(String mode, List<Map<String, Object>> cells) {
    return JSON.valueToTree(Map.of("schema", "redis-race/chaos/v1", "mode", mode, "cells", cells));
  }

  @Test
  void cleanQuickRunPasses() {
    JsonNode d = doc("quick", List.of(cell("fenced", "reset_peer", 1, 0, 0), cell("bitmap", "sigstop", 1, 0, 0)));
    assertThat(ChaosGate.evaluate(d)).isEmpty();
  }

  @Test
  void anyDefectOfFencedFails() {
    JsonNode d = doc("quick", List.of(cell("fenced", "lost_reply", 4, 0, 1)));
    assertThat(ChaosGate.evaluate(d)).singleElement().asString()
        .isEqualTo("fenced x lost_reply: 0 of 4 trials lost rows and 1 duplicated rows, but fenced must be exactly-once.");
  }

  @Test
  void aWorkloadThatFailsWithoutFaultsFailsTheGate() throws Exception {
    JsonNode broken = JSON.readTree("{\"mode\":\"quick\",\"cells\":[],\"trials\":["
        + "{\"variant\":\"plain\",\"fault\":\"none\",\"client\":\"jedis\",\"complete\":false,\"lost\":60,\"duplicated\":0},"
        + "{\"variant\":\"fenced\",\"fault\":\"none\",\"client\":\"jedis\",\"complete\":false,\"lost\":0,\"duplicated\":0},"
        + "{\"variant\":\"plain\",\"fault\":\"reset_peer\",\"client\":\"jedis\",\"complete\":true,\"lost\":0,\"duplicated\":3}]}");
    assertThat(ChaosGate.evaluate(broken)).singleElement().asString()
        .startsWith("Without any fault the workload did not load every row (or, with one loader, loaded one twice): fenced x jedis, plain x jedis;");
    JsonNode healthy = JSON.readTree("{\"mode\":\"quick\",\"cells\":[],\"trials\":["
        + "{\"variant\":\"plain\",\"fault\":\"none\",\"client\":\"jedis\",\"complete\":true,\"lost\":0,\"duplicated\":0},"
        + "{\"variant\":\"plain\",\"fault\":\"sigkill-reading\",\"client\":\"jedis\",\"complete\":true,\"lost\":0,\"duplicated\":20}]}");
    assertThat(ChaosGate.evaluate(healthy)).isEmpty();
  }

  @Test
  void faultFreeDuplicatesAreARaceWithSeveralLoadersAndABrokenWorkloadWithOne() throws Exception {
    String trials = "{\"variant\":\"client-name-lock\",\"fault\":\"none\",\"client\":\"jedis\",\"loaders\":%d,"
        + "\"complete\":true,\"lost\":0,\"duplicated\":%d}";
    JsonNode concurrent = JSON.readTree("{\"mode\":\"quick\",\"cells\":[],\"trials\":[" + String.format(trials, 4, 130) + "]}");
    assertThat(ChaosGate.evaluate(concurrent)).as("4 loaders racing is a finding, not a broken workload").isEmpty();
    JsonNode alone = JSON.readTree("{\"mode\":\"quick\",\"cells\":[],\"trials\":[" + String.format(trials, 1, 10) + "]}");
    assertThat(ChaosGate.evaluate(alone)).singleElement().asString()
        .startsWith("Without any fault the workload did not load every row (or, with one loader, loaded one twice): client-name-lock x jedis;");
    JsonNode lostWithFour = JSON.readTree("{\"mode\":\"quick\",\"cells\":[],\"trials\":["
        + "{\"variant\":\"bitmap\",\"fault\":\"none\",\"client\":\"lettuce\",\"loaders\":4,\"complete\":false,\"lost\":7,\"duplicated\":0}]}");
    assertThat(ChaosGate.evaluate(lostWithFour)).singleElement().asString().contains("bitmap x lettuce (4 loaders)");
  }

  static Map<String, Object> concurrencyCell(String v, int loaders, int trials, int dup) {
    return Map.of("variant", v, "fault", "none", "column", "none \u00d7" + loaders, "loaders", loaders, "rows", 2000, "chunkSize", 10,
        "trials", trials, "withLoss", 0, "withDuplication", dup);
  }

  @Test
  void fullModeFailsAConcurrencyCellOfAKnownUnsafeVariantThatStayedClean() {
    JsonNode full = doc("full", List.of(concurrencyCell("client-name-lock", 4, 5, 0), concurrencyCell("bitmap", 4, 5, 5),
        concurrencyCell("fenced", 4, 5, 0), concurrencyCell("client-name-lock", 1, 5, 0)));
    assertThat(ChaosGate.evaluate(full)).singleElement().asString()
        .isEqualTo("client-name-lock x none \u00d74: no defect in 5 trials of a known-unsafe cell; the harness no longer detects this race.");
    assertThat(ChaosGate.evaluate(doc("quick", List.of(concurrencyCell("client-name-lock", 4, 1, 0))))).as("quick mode").isEmpty();
    assertThat(ChaosGate.evaluate(doc("full", List.of(concurrencyCell("fenced", 4, 100, 1))))).singleElement().asString()
        .startsWith("fenced x none \u00d74: 0 of 100 trials lost rows and 1 duplicated rows, but fenced must be exactly-once.");
    assertThat(KnownUnsafe.knownUnsafe("client-name-lock", "none", 2, 200)).isTrue();
    assertThat(KnownUnsafe.knownUnsafe("client-name-lock", "none", 2, 3)).as("3 chunks: too few to demand a race").isFalse();
    assertThat(KnownUnsafe.knownUnsafe("fenced", "none", 8, 200)).isFalse();
  }

  @Test
  void fullModeFailsAnUndetectedKnownUnsafeCell() {
    JsonNode quick = doc("quick", List.of(cell("client-name-lock", "sigstop", 20, 0, 0)));
    JsonNode full = doc("full", List.of(cell("client-name-lock", "sigstop", 20, 0, 0), cell("client-name-lock", "reset_peer", 20, 0, 7),
        cell("client-name-lock", "latency", 20, 0, 0)));
    assertThat(ChaosGate.evaluate(quick)).isEmpty();
    assertThat(ChaosGate.evaluate(full)).singleElement().asString()
        .contains("client-name-lock x sigstop: no defect in 20 trials of a known-unsafe cell");
  }

  @Test
  void heatTableRendersMarkdownAndHtml() {
    JsonNode d = doc("full", List.of(cell("bitmap", "none", 2, 0, 1), cell("bitmap", "sigstop", 2, 0, 2),
        cell("fenced", "none", 2, 0, 0), cell("fenced", "sigstop", 2, 0, 0)));
    ChaosHeatTable t = ChaosHeatTable.from(d);
    assertThat(t.markdown()).startsWith("| variant \\ fault | none | sigstop |\n|---|---|---|\n")
        .contains("| bitmap | **0 / 1 of 2** | **0 / 2 of 2** ⚑ |")
        .contains("| fenced | 0 / 0 of 2 | 0 / 0 of 2 |");
    assertThat(t.html()).startsWith("<table class=\"chaos-heat\"").contains("<th style=").contains(">0 / 2</td>")
        .doesNotContain("<script");
  }

  @Test
  void heatTablePutsEachLoadersVersionsInOtherLanguagesUnderItWithTheirProgram() {
    // Run order: the Java variants first, then the --loader-cmd loaders (as `run` schedules them).
    List<Map<String, Object>> cells = List.of(cell("client-name-lock", "none", 4, 0, 2), cell("fenced", "none", 4, 0, 0),
        cell("py-client-name-lock", "none", 4, 0, 1), cell("py-fenced", "none", 4, 0, 0), cell("seed-step1", "none", 1, 0, 0),
        cell("node-fenced", "none", 4, 0, 0));
    JsonNode d = JSON.valueToTree(Map.of("mode", "full", "cells", cells, "loaders", List.of(
        Map.of("id", "client-name-lock", "program", "java"), Map.of("id", "fenced", "program", "java"),
        Map.of("id", "py-client-name-lock", "program", "python3 seed_step3.py"), Map.of("id", "py-fenced", "program", "python3 seed_fenced.py"),
        Map.of("id", "seed-step1", "program", "python3 seed_step1.py"), Map.of("id", "node-fenced", "program", "node fenced.js"))));
    ChaosHeatTable t = ChaosHeatTable.from(d);
    assertThat(t.variants()).containsExactly("client-name-lock", "py-client-name-lock", "fenced", "py-fenced", "node-fenced", "seed-step1");
    assertThat(t.markdown()).startsWith("""
        | variant \\ fault | program | none |
        |---|---|---|
        | client-name-lock | java | **0 / 2 of 4** |
        | py-client-name-lock | python3 seed_step3.py | **0 / 1 of 4** |
        | fenced | java | 0 / 0 of 4 |
        | py-fenced | python3 seed_fenced.py | 0 / 0 of 4 |
        | node-fenced | node fenced.js | 0 / 0 of 4 |
        | seed-step1 | python3 seed_step1.py | 0 / 0 of 1 |
        """);
    assertThat(t.html()).contains("<th style=\"border:1px solid #999;padding:3px 6px;background:#eee;\">program</th>")
        .contains(">python3 seed_step3.py</td>");
    // Without chaos.json's loaders (an older document), a registered variant is java; a Java-only table has no program column.
    assertThat(ChaosHeatTable.of(List.of(new ChaosHeatTable.Cell("py-fenced", "none", 1, 0, 0, false),
        new ChaosHeatTable.Cell("fenced", "none", 1, 0, 0, false))).markdown())
        .startsWith("| variant \\ fault | program | none |\n|---|---|---|\n| fenced | java | 0 / 0 of 1 |\n| py-fenced | your program |");
    assertThat(ChaosHeatTable.of(List.of(new ChaosHeatTable.Cell("fenced", "none", 1, 0, 0, false))).markdown())
        .startsWith("| variant \\ fault | none |\n");
    assertThat(LoaderRows.order(List.of("fenced", "x-py-fenced", "py-fenced", "bitmap"))).as("the longest base wins")
        .containsExactly("fenced", "py-fenced", "x-py-fenced", "bitmap");
  }

  @Test
  void aCellWhoseFaultDidNotStrikeSaysSoAndIsNoEvidence() {
    ChaosHeatTable t = ChaosHeatTable.of(List.of(new ChaosHeatTable.Cell("fenced", "limit_data", 4, 0, 0, false, 0),
        new ChaosHeatTable.Cell("py-fenced", "limit_data", 4, 0, 0, false, 4)), Map.of("py-fenced", "python3 seed_fenced.py"));
    assertThat(t.markdown()).contains("| fenced | java | 0 / 0 of 4 |\n| py-fenced | python3 seed_fenced.py | 0 / 0 of 4, 4 not applied |")
        .contains("\"N not applied\": trials whose fault did not strike");
    assertThat(t.cells().get(1).noEvidence()).isTrue();
    assertThat(t.cells().get(0).noEvidence()).isFalse();
    assertThat(t.html()).contains("background:#e4e4e4").contains("<br><small>4 not applied</small>");
  }
}
