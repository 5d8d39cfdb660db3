package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class JunitReportTests {
  @TempDir Path tmp;

  /** Maven Surefire's JUnit XML schema (src/test/resources/junit, see the comment in it for its origin). */
  static Schema surefireSchema() throws Exception {
    URL xsd = JunitReportTests.class.getResource("/junit/surefire-test-report-3.0.xsd");
    assertThat(xsd).as("the Surefire XSD on the test class path").isNotNull();
    return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
  }

  static void assertValid(Path xml) throws Exception {
    surefireSchema().newValidator().validate(new StreamSource(xml.toFile()));
  }

  static Document parse(Path xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(Files.readString(xml))));
  }

  static List<Element> testcases(Document d) {
    NodeList list = d.getElementsByTagName("testcase");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      out.add((Element) list.item(i));
    }
    return out;
  }

  static Optional<Element> child(Element e, String tag) {
    NodeList l = e.getElementsByTagName(tag);
    return l.getLength() == 0 ? Optional.empty() : Optional.of((Element) l.item(0));
  }

  static ObjectNode trial(ArrayNode trials, String variant, String fault, String client, int lost, int duplicated, boolean complete) {
    ObjectNode t = trials.addObject();
    t.put("index", trials.size() - 1).put("seed", 42L + trials.size()).put("variant", variant).put("fault", fault).put("client", client)
        .put("chunk", 1).put("faultApplied", !fault.equals("none")).put("note", "test \u0001 control char").put("complete", complete)
        .put("rows", 60).put("read", 60 - lost + duplicated).put("lost", lost).put("duplicated", duplicated)
        .put("valid", lost == 0 && duplicated == 0).put("durationMs", 1234)
        .put("replay", "java -jar chaos/target/redis-race-chaos.jar trial --seed " + (42L + trials.size()) + " --variant " + variant
            + " --fault " + fault + " --client " + client);
    t.putArray("lostIds");
    ObjectNode dup = t.putObject("duplicatedIds");
    if (duplicated > 0) {
      dup.put("21", 2);
    }
    t.putArray("ackedButLost");
    return t;
  }

  Path chaosRun(String mode) throws Exception {
    Path dir = SyntheticRun.create().ping("2.8", 1, 30000, 30000).ping("7.0", 1, 30000, 30000)
        .counter("naive", "2.8", 20, 1, 1, 30000, 0, 9000, 9100)           // must-race, found none: failure
        .counter("lua", "2.8", 20, 1, 1, 60000, 3, 22000, 22100)           // clean by the file, TTL-less: failure
        .counter("multi", "7.0", 20, 1, 1, 60000, 0, 15000, 15100)         // fine
        .write(tmp, "run-" + mode);
    ObjectNode doc = RunData.JSON.createObjectNode();
    doc.put("schema", "redis-race/chaos/v1").put("mode", mode).put("seed", 7);
    ArrayNode trials = doc.putArray("trials");
    trial(trials, "fenced", "reset_peer", "lettuce", 0, 20, true);         // fenced duplicated: failure
    trial(trials, "bitmap", "sigstop", "jedis", 0, 20, true);              // known unsafe, found: pass
    trial(trials, "plain", "none", "jedis", 0, 0, false);                  // fault-free, incomplete: failure
    trial(trials, "fenced", "sigkill-in-flight", "jedis", 0, 0, true);     // pass
    ArrayNode cells = doc.putArray("cells");
    cells.addObject().put("variant", "bitmap").put("fault", "sigstop").put("trials", 1).put("withLoss", 0).put("withDuplication", 1);
    cells.addObject().put("variant", "plain").put("fault", "limit_data").put("trials", 1).put("withLoss", 0).put("withDuplication", 0);
    Files.writeString(dir.resolve("chaos.json"), RunData.JSON.writeValueAsString(doc));
    return dir;
  }

  ReportContext gated(Path dir) {
    RunData run = RunData.load(dir);
    RunData baseline = SyntheticRun.create().ping("2.8", 1, 30000, 30000).ping("7.0", 1, 30000, 30000)
        .counter("naive", "2.8", 20, 1, 1, 30000, 40, 9000, 9100)
        .counter("lua", "2.8", 20, 1, 1, 60000, 0, 22000, 22100)
        .load(tmp, "base");
    BenchExpectations exp = BenchExpectations.builtIn();
    BenchGate.Result result = new BenchGate(0.2, exp).check(baseline, run);
    return new ReportContext(run, Optional.of(baseline), Optional.of(result), exp);
  }

  @Test
  void gateAndChaosSuitesValidateAgainstSurefiresSchemaAndCarryFindingsAndReplays() throws Exception {
    ReportContext ctx = gated(chaosRun("quick"));
    assertThat(ctx.gate().orElseThrow().passed()).isFalse();
    Report.write(ctx, tmp.resolve("report"));
    Path gate = tmp.resolve("report/junit/" + JunitReport.GATE_FILE);
    Path chaos = tmp.resolve("report/junit/" + JunitReport.CHAOS_FILE);
    assertValid(gate);
    assertValid(chaos);

    Document g = parse(gate);
    List<Element> cases = testcases(g);
    // 3 counter cells x new-TTL-less, naive x must-race, 3 throughput cells.
    assertThat(cases).hasSize(3 + 1 + 3);
    assertThat(g.getDocumentElement().getAttribute("tests")).isEqualTo("7");
    List<Element> failed = cases.stream().filter(c -> child(c, "failure").isPresent()).toList();
    assertThat(failed).extracting(c -> c.getAttribute("classname"))
        .containsExactlyInAnyOrder("redis-race.gate.new-ttl-less-keys", "redis-race.gate.known-race-not-detected");
    assertThat(g.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    Element lua = failed.stream().filter(c -> c.getAttribute("name").contains("variant=lua")).findFirst().orElseThrow();
    assertThat(child(lua, "failure").orElseThrow().getAttribute("message")).contains("expected clean");
    assertThat(child(lua, "failure").orElseThrow().getTextContent())
        .contains("replay: mvn verify -Pbench '-Dbench.include=^thrpt variant=lua client=jedis server=2\\.8 ttlMs=20 keys=1 threads=1 '");
    // multi on 7.0 is not in the baseline: its throughput testcase is skipped with the gate's note.
    Element multiThroughput = cases.stream().filter(c -> c.getAttribute("classname").equals("redis-race.gate.throughput-regression")
        && c.getAttribute("name").contains("variant=multi")).findFirst().orElseThrow();
    assertThat(child(multiThroughput, "skipped").orElseThrow().getAttribute("message")).isEqualTo("not in the baseline.");

    Document c = parse(chaos);
    List<Element> trials = testcases(c);
    assertThat(trials).hasSize(4);
    assertThat(trials).filteredOn(t -> child(t, "failure").isPresent()).extracting(t -> t.getAttribute("name"))
        .containsExactly("#0 fenced x reset_peer, lettuce", "#2 plain x none, jedis");
    Element fenced = trials.get(0);
    assertThat(child(fenced, "failure").orElseThrow().getAttribute("message")).contains("must be exactly-once").contains("20 surplus copies");
    assertThat(child(fenced, "failure").orElseThrow().getTextContent())
        .contains("replay: java -jar chaos/target/redis-race-chaos.jar trial --seed 43 --variant fenced --fault reset_peer --client lettuce");
    Element bitmap = trials.get(1);
    assertThat(child(bitmap, "failure")).isEmpty();
    assertThat(child(bitmap, "system-out").orElseThrow().getTextContent()).contains("known-unsafe cell, defect found").contains("replay: ");
    assertThat(fenced.getAttribute("time")).isEqualTo("1.234");
  }

  @Test
  void fullModeAddsOneDetectionTestcasePerKnownUnsafeCell() throws Exception {
    ReportContext ctx = gated(chaosRun("full"));
    Report.write(ctx, tmp.resolve("report"));
    Path chaos = tmp.resolve("report/junit/" + JunitReport.CHAOS_FILE);
    assertValid(chaos);
    List<Element> detection = testcases(parse(chaos)).stream()
        .filter(t -> t.getAttribute("classname").equals("redis-race.chaos.detection")).toList();
    assertThat(detection).extracting(t -> t.getAttribute("name")).containsExactly("detects bitmap x sigstop", "detects plain x limit_data");
    assertThat(child(detection.get(0), "failure")).isEmpty();
    assertThat(child(detection.get(1), "failure").orElseThrow().getAttribute("message")).contains("no longer detects");
  }

  @Test
  void aReportWithoutGateOrChaosLeavesNoSuiteOfAnEarlierRun() throws Exception {
    Report.write(gated(chaosRun("quick")), tmp.resolve("report"));
    assertThat(tmp.resolve("report/junit/" + JunitReport.GATE_FILE)).exists();
    Path plain = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000, 23100).write(tmp, "plain");
    Report.write(ReportContext.of(RunData.load(plain)), tmp.resolve("report"));
    assertThat(tmp.resolve("report/junit/" + JunitReport.GATE_FILE)).doesNotExist();
    assertThat(tmp.resolve("report/junit/" + JunitReport.CHAOS_FILE)).doesNotExist();
  }

  @Test
  void theSchemaRejectsWhatItShould() throws Exception {
    Path bad = tmp.resolve("bad.xml");
    Files.writeString(bad, "<testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\"><testcase name=\"a\"/></testsuite>");
    assertThatThrownBy(() -> assertValid(bad)).hasMessageContaining("time");
  }

  @Test
  void aTruncatedIdListSaysItIsTheFirstFifty() throws Exception {
    StringBuilder dup = new StringBuilder("{");
    for (int id = 1; id <= 50; id++) {
      dup.append(id > 1 ? "," : "").append('"').append(id).append("\":2");
    }
    com.fasterxml.jackson.databind.JsonNode t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        "{\"read\":1060,\"rows\":1000,\"lostIds\":[],\"duplicatedIds\":" + dup + "}}");
    assertThat(JunitChaosCases.finding(t, 0, 60, true))
        .isEqualTo("0 rows lost, 60 surplus copies (1060 read back of 1000 rows); duplicated ids (first 50: 1..50), 2 copies each");
    assertThat(JunitChaosCases.ranges(List.of(45L, 1L, 2L, 3L, 41L, 43L, 44L))).isEqualTo("1..3, 41, 43..45");
  }
}
