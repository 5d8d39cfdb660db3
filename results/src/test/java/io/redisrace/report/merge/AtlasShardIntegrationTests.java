package io.redisrace.report.merge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.cli.RedisRaceCli;
import io.redisrace.process.RunDir;
import io.redisrace.report.AtlasGate;
import io.redisrace.report.BenchExpectations;
import io.redisrace.report.BenchGate;
import io.redisrace.report.ReportCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Done means "a 3-shard run merged gives the same verdicts as an unsharded run": a small atlas on the
 * three shipped versions (no install), whole and as shards 1/3, 2/3, 3/3, the shards merged by
 * {@code redis-race-report merge}, and the gate's verdict on every cell of both compared. The
 * variants are those whose verdict the gate holds at any length (naive must race at 1 ms, lua and
 * multi-heal are clean, the EXEC trigger is deterministic): the verdicts, not the counts, must agree.
 *
 * <p>HOW TO RUN: {@code mvn -pl results -am verify -Dit.test=AtlasShardIntegrationTests -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}
 */
class AtlasShardIntegrationTests {
  static final String[] ATLAS = {"atlas", "--servers", "2.8.19,6.2.11,7.0.15", "--variants", "naive,lua,multi-heal", "--per-cell", "300ms",
      "--triggers", "2"};

  @TempDir Path tmp;

  static String run(int expected, boolean report, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    int rc = report ? ReportCli.execute(args, o, e) : RedisRaceCli.execute(args, o, e);
    assertThat(rc).as("%s%s", out, err).isEqualTo(expected);
    return out.toString();
  }

  static String[] with(String... more) {
    List<String> all = new ArrayList<>(List.of(ATLAS));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  /** Per atlas cell (kind, variant, version), what the gate says: "pass" or its finding's rule. */
  static Map<String, String> verdicts(Path dir) throws Exception {
    JsonNode atlas = new ObjectMapper().readTree(dir.resolve(RunDir.ATLAS).toFile());
    BenchExpectations expectations = BenchExpectations.read(Path.of("expectations.txt"));
    Map<String, String> verdicts = new TreeMap<>();
    AtlasGate.cells(atlas).forEach(c -> verdicts.put(c.cell().kind() + " " + c.cell().variant() + " " + c.cell().server(), "pass"));
    for (BenchGate.Finding f : AtlasGate.findings(atlas, expectations)) {
      verdicts.put(f.cell().kind() + " " + f.cell().variant() + " " + f.cell().server(), f.rule().name());
    }
    return verdicts;
  }

  @Test
  void threeShardsMergedGiveTheVerdictsOfTheWholeAtlas() throws Exception {
    Path whole = tmp.resolve("whole");
    run(0, false, with("--run-dir", whole.toString()));
    List<String> shards = new ArrayList<>(List.of("merge", "--into", tmp.resolve("merged").toString()));
    for (int k = 3; k >= 1; k--) {
      Path dir = tmp.resolve("shard-" + k);
      run(0, false, with("--shard", k + "/3", "--run-dir", dir.toString()));
      shards.add(dir.toString());
    }
    assertThat(run(0, true, shards.toArray(String[]::new))).contains("merge: 3 shards of the atlas into");
    Path merged = tmp.resolve("merged");

    Map<String, String> expected = verdicts(whole);
    assertThat(expected).hasSize(13); // 3 x (naive, lua, trigger, expired in flight) + multi-heal on 7.0 alone
    assertThat(expected).containsEntry("atlas naive 2.8.19", "pass").containsEntry("atlas-trigger multi 2.8.19", "pass")
        .containsEntry("expired-in-flight expired-in-flight 7.0.15", "pass");
    assertThat(verdicts(merged)).isEqualTo(expected);
    JsonNode m = new ObjectMapper().readTree(merged.resolve(RunDir.ATLAS).toFile());
    assertThat(m.path("versions")).extracting(v -> v.path("id").asText()).containsExactly("2.8.19", "6.2.11", "7.0.15");
    assertThat(m.path("shards").asInt()).isEqualTo(3);
    // The gate itself, on both: the same outcome (passed) and the same count of cells.
    for (Path dir : List.of(whole, merged)) {
      String gate = run(0, true, "gate", dir.toString(), "--atlas", dir.toString(), "--baseline", tmp.resolve("none").toString(),
          "--expectations", "expectations.txt", "--out", tmp.resolve("report-" + dir.getFileName()).toString());
      assertThat(gate).contains("atlas gate: 13 cells of 3 versions checked against the expectations");
    }
  }
}
