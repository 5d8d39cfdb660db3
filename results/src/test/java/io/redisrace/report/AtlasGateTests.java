package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate holds every cell of the atlas run directory to results/expectations.txt by version
 * range: the committed atlas of five versions agrees with Redis history; a planted lua race on
 * 6.0.9, a trigger that found nothing on 2.8.19, and "expired in flight" where Redis history says
 * it cannot be (from 7.2) or must be (6.2.5 to 7.0) each fail the gate with one sentence; a trigger in
 * which no time passed inside EXEC is not measured.
 */
class AtlasGateTests {
  @TempDir Path tmp;

  final StringWriter out = new StringWriter();

  static final Path ATLAS_RUN = Path.of("src/test/resources/report-golden/atlas/run");

  int gate(Path atlasDir) {
    Path run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 23000).write(tmp, "run");
    return ReportCli.execute(new String[] {"gate", run.toString(), "--baseline=" + tmp.resolve("no-baseline"), "--expectations=expectations.txt",
        "--out=" + tmp.resolve("report"), "--atlas=" + atlasDir}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
  }

  Path planted(java.util.function.Consumer<ObjectNode> change) throws Exception {
    ObjectNode atlas = (ObjectNode) RunData.JSON.readTree(ATLAS_RUN.resolve(RunDir.ATLAS).toFile());
    change.accept(atlas);
    Path dir = tmp.resolve("atlas");
    RunDir.writeJson(dir.resolve(RunDir.ATLAS), RunData.JSON, atlas);
    return dir;
  }

  static ObjectNode version(ObjectNode atlas, String id) {
    for (var v : atlas.path("versions")) {
      if (v.path("id").asText().equals(id)) {
        return (ObjectNode) v;
      }
    }
    throw new AssertionError(id);
  }

  @Test
  void theCommittedAtlasAgreesWithRedisHistoryAndPasses() {
    assertThat(gate(ATLAS_RUN)).as(out.toString()).isZero();
    assertThat(out.toString()).contains("Gate PASSED").contains("atlas gate: 42 cells of 5 versions checked against the expectations");
  }

  @Test
  void aPlantedLuaRaceOnOneVersionFailsTheGateWithOneSentence() throws Exception {
    Path dir = planted(a -> ((ObjectNode) version(a, "6.0.9").path("cells").get(3)).put("ttlLess", 3));
    assertThat(gate(dir)).isEqualTo(1);
    assertThat(out.toString()).contains("Gate FAILED: 1 finding(s).")
        .contains("| new TTL-less keys | atlas variant=lua client=jedis server=6.0.9 ttlMs=1 keys=1 threads=2 |")
        .contains("The atlas says lua's race hunt on 6.0.9 left 3 TTL-less key(s) in 33,450 ops, but results/expectations.txt says clean"
            + " on >=2.8.5 (scripts use one clock time for expiry since 2.8.5).");
  }

  @Test
  void aTriggerThatFoundNoRaceBelow6015FailsTheGateAsLostDetection() throws Exception {
    Path dir = planted(a -> ((ObjectNode) version(a, "2.8.19").path("trigger")).put("ttlLess", 0));
    assertThat(gate(dir)).isEqualTo(1);
    assertThat(out.toString()).contains("| known race not detected | atlas-trigger variant=multi client=jedis server=2.8.19 ttlMs=100 keys=1 threads=1 |")
        .contains("The atlas says the EXEC trigger on 2.8.19 left no TTL-less key in 3 run(s), but results/expectations.txt says must-race"
            + " on <6.0.15+6.2.0..6.2.5");
  }

  @Test
  void expiredInFlightOn72OrNoneOn70FailsTheGate() throws Exception {
    Path dir = planted(a -> ((ObjectNode) version(a, "valkey-9.1.2").path("trigger")).put("expiredInFlight", 2));
    assertThat(gate(dir)).isEqualTo(1);
    assertThat(out.toString()).contains("| new TTL-less keys | expired-in-flight variant=expired-in-flight client=jedis server=valkey-9.1.2 ttlMs=100 keys=1 threads=1 |")
        .contains("The atlas says the EXEC trigger's PTTL inside EXEC on valkey-9.1.2 read 0 (expired in flight) 2 time(s) in 3 run(s), but"
            + " results/expectations.txt says clean on >=7.2 (from 7.2 PTTL inside EXEC reads the frozen clock too (#10300)");
    out.getBuffer().setLength(0);
    Path none = planted(a -> ((ObjectNode) version(a, "7.0.15").path("trigger")).put("expiredInFlight", 0));
    assertThat(gate(none)).isEqualTo(1);
    assertThat(out.toString()).contains("The atlas says the EXEC trigger's PTTL inside EXEC on 7.0.15 never read 0 (expired in flight) in 3 run(s),"
        + " but results/expectations.txt says must-race on 6.0.15..6.1+6.2.5..7.2");
  }

  @Test
  void aTriggerInWhichNoTimePassedIsNotMeasuredNeverClean() throws Exception {
    // 2.8.19 must race in the trigger; had no time passed inside its EXEC, 0 TTL-less keys there prove nothing either way.
    Path dir = planted(a -> ((ObjectNode) version(a, "2.8.19").path("trigger")).put("ttlLess", 0).put("timePassed", 0));
    assertThat(gate(dir)).as(out.toString()).isZero();
    assertThat(out.toString()).contains("atlas gate: 40 cells of 5 versions checked");
  }

  @Test
  void withoutAnAtlasDirectoryTheGateSaysItDidNotCheckOne() {
    assertThat(gate(tmp.resolve("absent"))).isZero();
    assertThat(out.toString()).contains("atlas gate: not checked (no atlas.json)");
    assertThat(Files.exists(tmp.resolve("absent"))).isFalse();
  }
}
