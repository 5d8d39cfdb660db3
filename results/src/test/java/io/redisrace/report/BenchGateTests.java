package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule of the gate, in both directions, on hand-made JMH JSON. No timing is measured here. */
class BenchGateTests {
  @TempDir Path tmp;

  static final BenchExpectations EXPECT = BenchExpectations.parse("""
      naive  *    <=20  1  must-race  three round trips
      multi  2.8  <=1   1  must-race  2.8 clock per command
      multi  2.8  *     *  may-race   rare at 20 ms
      multi  *    *     *  clean      EXEC clock frozen
      lua    *    *     *  clean      one clock per script
      """, "test");

  final BenchGate gate = new BenchGate(0.20, EXPECT);

  /** Baseline: lua 20k ops/s, PING 30k, tight iterations, no TTL-less keys. */
  RunData baseline() {
    return SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20100, 19900)
        .load(tmp, "baseline");
  }

  @Test
  void throughputRegressionBeyondNoiseIsCaught() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 42000, 0, 14000, 14100, 13900)
        .load(tmp, "run");
    BenchGate.Result r = gate.check(baseline(), run);
    assertThat(r.passed()).isFalse();
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(BenchGate.Rule.THROUGHPUT);
      assertThat(f.cell().variant()).isEqualTo("lua");
      assertThat(f.why()).contains("-30%");
    });
    assertThat(BenchGate.table(r)).contains("FAILED").contains("| throughput regression |");
  }

  @Test
  void aBigDropInsideTheNoiseIsTolerated() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 42000, 0, 4000, 24000, 14000)
        .load(tmp, "run");
    assertThat(gate.check(baseline(), run).passed()).isTrue();
  }

  @Test
  void aSignificantSmallDropIsTolerated() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 54000, 0, 18000, 18050, 17950)
        .load(tmp, "run");
    assertThat(gate.check(baseline(), run).passed()).isTrue();
  }

  @Test
  void aDockerRunIsNotThroughputGatedAgainstAnEmbeddedBaselineButKeepsEveryCorrectnessRule() {
    // The container cells are far slower than the embedded baseline: not a regression, another backend.
    // The embedded:7.0 reference is slower too: it is there for the same-run ratio, not gated.
    RunData run = SyntheticRun.create().backend("docker")
        .ping("7.0", 1, 30000, 30100, 29900).counter("lua", "7.0", 20, 1, 1, 30000, 0, 8000, 8100, 7900)
        .ping("embedded:7.0", 1, 30000, 30100, 29900).counter("lua", "embedded:7.0", 20, 1, 1, 42000, 0, 14000, 14100, 13900)
        .counter("multi", "embedded:2.8", 1, 1, 4, 42000, 0, 9000, 9100, 8900)
        .load(tmp, "docker");
    BenchGate.Result r = gate.check(baseline(), run);
    assertThat(r.cellsCompared()).isZero();
    assertThat(BenchGate.table(r)).doesNotContain("PASSED");
    assertThat(r.otherBackend()).isEqualTo("the baseline ran on embedded, this run on docker");
    assertThat(r.notes()).contains(
        "thrpt variant=lua client=jedis server=7.0 ttlMs=20 keys=1 threads=1: ran on docker, the baseline on embedded, throughput not gated.",
        "thrpt variant=lua client=jedis server=embedded:7.0 ttlMs=20 keys=1 threads=1: reference for the docker / embedded ratio, "
            + "throughput not gated.");
    // multi on embedded:2.8 is Redis 2.8: the must-race rule of 2.8 applies to it.
    assertThat(r.findings()).extracting(f -> f.rule() + " " + f.cell().server() + " " + f.cell().variant())
        .containsExactly("LOST_DETECTION embedded:2.8 multi");

    // Against a baseline of its own backend, a docker run is gated like any other.
    RunData dockerBaseline = SyntheticRun.create().backend("docker").ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20100, 19900).load(tmp, "docker-baseline");
    BenchGate.Result own = gate.check(dockerBaseline, run);
    assertThat(own.cellsCompared()).isEqualTo(1);
    assertThat(own.findings()).extracting(BenchGate.Finding::rule).contains(BenchGate.Rule.THROUGHPUT);
  }

  @Test
  void aSlowerMachineIsNotARegression() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 15000, 15050, 14950)
        .counter("lua", "7.0", 20, 1, 1, 30000, 0, 10000, 10050, 9950)
        .load(tmp, "run");
    BenchGate.Result r = gate.check(baseline(), run);
    assertThat(r.passed()).isTrue();
    assertThat(r.cellsCompared()).isEqualTo(1);
  }

  @Test
  void withoutCalibrationThroughputIsNotJudged() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 30000, 0, 1000, 1000, 1000).load(tmp, "run");
    BenchGate.Result r = gate.check(baseline(), run);
    assertThat(r.passed()).isTrue();
    assertThat(r.notes()).anyMatch(n -> n.contains("no PING calibration"));
  }

  @Test
  void aTtlLessKeyInACleanCellIsCaught() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 1, 20000, 20100, 19900)
        .load(tmp, "run");
    BenchGate.Result r = gate.check(baseline(), run);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(BenchGate.Rule.NEW_TTL_LESS);
      assertThat(f.fromExpectations()).isTrue();
      assertThat(f.why()).contains("one clock per script");
    });
  }

  @Test
  void ttlLessKeysInAMayRaceCellAreTolerated() {
    RunData run = SyntheticRun.create().counter("multi", "2.8", 20, 1, 1, 60000, 3, 15000, 15000).load(tmp, "run");
    assertThat(gate.check(null, run).passed()).isTrue();
  }

  @Test
  void aCellTheFileDoesNotKnowIsJudgedAgainstTheBaseline() {
    RunData base = SyntheticRun.create().counter("mine", "7.0", 20, 1, 1, 60000, 0, 9000, 9000).load(tmp, "base");
    RunData worse = SyntheticRun.create().counter("mine", "7.0", 20, 1, 1, 60000, 2, 9000, 9000).load(tmp, "worse");
    assertThat(gate.check(base, worse).findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(BenchGate.Rule.NEW_TTL_LESS);
      assertThat(f.fromExpectations()).isFalse();
    });
    RunData alreadyBad = SyntheticRun.create().counter("mine", "7.0", 20, 1, 1, 60000, 5, 9000, 9000).load(tmp, "bad");
    assertThat(gate.check(alreadyBad, worse).passed()).isTrue();
  }

  @Test
  void aKnownRaceThatIsNoLongerFoundIsCaught() {
    RunData blind = SyntheticRun.create().counter("multi", "2.8", 1, 1, 4, 90000, 0, 15000, 15000, 15000).load(tmp, "blind");
    BenchGate.Result r = gate.check(null, blind);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(BenchGate.Rule.LOST_DETECTION);
      assertThat(f.why()).contains("2.8 clock per command");
    });
    RunData seeing = SyntheticRun.create().counter("multi", "2.8", 1, 1, 4, 90000, 21, 15000, 15000, 15000).load(tmp, "seeing");
    assertThat(gate.check(null, seeing).passed()).isTrue();
  }

  @Test
  void naiveMustRaceEverywhereWithAShortTtl() {
    RunData run = SyntheticRun.create().counter("naive", "6.2", 20, 1, 1, 30000, 0, 9000, 9000).load(tmp, "run");
    assertThat(gate.check(null, run).findings()).extracting(BenchGate.Finding::rule).containsExactly(BenchGate.Rule.LOST_DETECTION);
    RunData longTtl = SyntheticRun.create().counter("naive", "6.2", 1000, 1, 1, 30000, 0, 9000, 9000).load(tmp, "long");
    assertThat(gate.check(null, longTtl).passed()).isTrue();
  }

  @Test
  void aMustRaceCellThatDidNotRunIsANoteNotAFailure() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20000).load(tmp, "run");
    BenchGate.Result r = gate.check(null, run);
    assertThat(r.passed()).isTrue();
    assertThat(r.notes()).anyMatch(n -> n.contains("must-race multi on 2.8") && n.contains("not checked"));
  }

  @Test
  void anotherMachinesBaselineIsARecordNotAYardstick() {
    // Twice as fast as the baseline in ops/s but half of it x PING: on another machine, not a finding.
    RunData run = SyntheticRun.create().cpu("Intel(R) Xeon(R) Processor").ping("7.0", 1, 90000, 90100, 89900)
        .counter("lua", "7.0", 20, 1, 1, 120000, 0, 30000, 30100, 29900)
        .counter("naive", "7.0", 20, 1, 1, 120000, 0, 30000, 30100, 29900)
        .load(tmp, "run");
    BenchGate.Result r = gate.check(baseline(), run);
    assertThat(r.cellsCompared()).isZero();
    // Correctness rules still apply: naive found no TTL-less key.
    assertThat(r.findings()).extracting(BenchGate.Finding::rule).containsExactly(BenchGate.Rule.LOST_DETECTION);
    assertThat(r.throughputLine()).isEqualTo("Throughput not gated against the baseline: the baseline came from another machine "
        + "(cpu: baseline 'Test CPU', this run 'Intel(R) Xeon(R) Processor'); to gate throughput here, promote a baseline on this machine "
        + "(mvn verify -Pbench -Dgate.updateBaseline=true) or compare with a git ref in the same run (-Dgate.against=<ref>).");
    assertThat(BenchGate.table(r).lines().filter(l -> l.contains("not gated"))).hasSize(1);
  }

  @Test
  void aBaselineWithoutAFingerprintCameFromAnUnknownMachine() {
    RunData old = SyntheticRun.create().cpu(null).ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20100, 19900).load(tmp, "old");
    RunData slower = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 42000, 0, 14000, 14100, 13900).load(tmp, "run");
    BenchGate.Result r = gate.check(old, slower);
    assertThat(r.passed()).isTrue();
    assertThat(r.cellsCompared()).isZero();
    assertThat(r.throughputLine()).startsWith("Throughput not gated against the baseline: the baseline records no machine fingerprint "
        + "(an unknown machine)").contains("-Dgate.updateBaseline=true").contains("-Dgate.against=<ref>");
    assertThat(BenchGate.table(r)).contains("Gate PASSED: 0 throughput cells compared with the baseline");
  }

  /** An ab.json as AbRunner writes it, one thrpt cell and one latency cell. */
  static JsonNode ab(double[] thrptA, double[] thrptB, double[] latA, double[] latB) {
    var ab = RunData.JSON.createObjectNode();
    ab.put("format", "redis-race-ab/1").put("alpha", 0.05).put("minEffect", 0.05);
    ab.putObject("reference").put("ref", "origin/main").put("commit", "0123456789abcdef0123456789abcdef01234567");
    var cells = ab.putArray("cells");
    for (int i = 0; i < 2; i++) {
      var c = cells.addObject();
      c.put("kind", i == 0 ? "thrpt" : "sample").put("variant", "lua").put("client", "jedis").put("server", "7.0").put("ttlMs", 20)
          .put("keys", 1).put("threads", 1).put("unit", i == 0 ? "ops/s" : "us/op").put("higherIsBetter", i == 0);
      var a = c.putArray("a");
      var b = c.putArray("b");
      for (double v : i == 0 ? thrptA : latA) {
        a.add(v);
      }
      for (double v : i == 0 ? thrptB : latB) {
        b.add(v);
      }
    }
    ab.putArray("failures");
    return ab;
  }

  @Test
  void anAbRunGatesThroughputInTheRightDirectionOnAnyMachine() {
    double[] fast = {20000, 20100, 19900, 20200, 19800};
    double[] slow = {15000, 15100, 14900, 15200, 14800};
    double[] shortLat = {50, 50.5, 49.5, 51, 49};
    double[] longLat = {70, 70.5, 69.5, 71, 69};
    // B is slower in ops/s and takes longer per op: two A/B regressions, whatever the baseline says.
    RunData worse = SyntheticRun.create().cpu("Other CPU").ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20100, 19900).file("ab.json", ab(fast, slow, shortLat, longLat)).load(tmp, "worse");
    BenchGate.Result r = gate.check(baseline(), worse);
    assertThat(r.findings()).extracting(f -> f.rule() + " " + f.cell().kind()).containsExactly("AB_REGRESSION thrpt", "AB_REGRESSION sample");
    assertThat(r.throughputLine()).startsWith("Throughput gated A/B against origin/main (0123456) in this run: 2 cells, 2 slower, 0 faster")
        .contains("not against the baseline: the baseline came from another machine");
    assertThat(BenchGate.table(r)).contains("| A/B regression |");
    // B is faster in ops/s and quicker per op: no finding.
    RunData better = SyntheticRun.create().cpu("Other CPU").ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20100, 19900).file("ab.json", ab(slow, fast, longLat, shortLat)).load(tmp, "better");
    BenchGate.Result ok = gate.check(baseline(), better);
    assertThat(ok.passed()).isTrue();
    assertThat(ok.throughputLine()).contains("2 cells, 0 slower, 2 faster");
  }

  @Test
  void thresholdOutsideZeroToOneIsRefusedWithOneSentence() {
    assertThatThrownBy(() -> new BenchGate(20, EXPECT))
        .hasMessageContaining("fraction between 0 and 1");
  }
  /** The same machine's baseline with the lua cell on a single 7.0 node and on cluster:7.0, each with its own PING. */
  RunData baselineWithCluster() {
    return SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900).counter("lua", "7.0", 20, 100, 1, 60000, 0, 20000, 20100, 19900)
        .ping("cluster:7.0", 1, 30000, 30100, 29900).counter("lua", "cluster:7.0", 20, 100, 1, 45000, 0, 15000, 15100, 14900)
        .load(tmp, "baseline-cluster");
  }

  @Test
  void clusterCellsAreGatedOnlyAgainstClusterCells() {
    // Planted: the cluster cell is 25% below the single node's baseline (the cluster hop), and unchanged against its own.
    RunData same = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900).counter("lua", "7.0", 20, 100, 1, 60000, 0, 20000, 20100, 19900)
        .ping("cluster:7.0", 1, 30000, 30100, 29900).counter("lua", "cluster:7.0", 20, 100, 1, 45000, 0, 15000, 15100, 14900)
        .load(tmp, "same");
    BenchGate.Result r = gate.check(baselineWithCluster(), same);
    assertThat(r.passed()).isTrue();
    assertThat(r.cellsCompared()).isEqualTo(2);

    // A real cluster regression (15k to 10k on the cluster, the single node unchanged) is caught on the cluster cell.
    RunData slower = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900).counter("lua", "7.0", 20, 100, 1, 60000, 0, 20000, 20100, 19900)
        .ping("cluster:7.0", 1, 30000, 30100, 29900).counter("lua", "cluster:7.0", 20, 100, 1, 30000, 0, 10000, 10100, 9900)
        .load(tmp, "slower");
    assertThat(gate.check(baselineWithCluster(), slower).findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(BenchGate.Rule.THROUGHPUT);
      assertThat(f.cell().server()).isEqualTo("cluster:7.0");
      assertThat(f.baseline()).contains("15000 ops/s");
    });

    // A baseline with no cluster cell: the cluster figure, half the single node's, is never held against 7.0's baseline.
    RunData firstCluster = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900).counter("lua", "7.0", 20, 100, 1, 60000, 0, 20000, 20100, 19900)
        .ping("cluster:7.0", 1, 30000, 30100, 29900).counter("lua", "cluster:7.0", 20, 100, 1, 30000, 0, 10000, 10100, 9900)
        .load(tmp, "first-cluster");
    RunData singleOnly = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900).counter("lua", "7.0", 20, 100, 1, 60000, 0, 20000, 20100, 19900)
        .load(tmp, "single-only");
    BenchGate.Result first = gate.check(singleOnly, firstCluster);
    assertThat(first.passed()).isTrue();
    assertThat(first.cellsCompared()).isEqualTo(1);
    assertThat(first.notes()).contains("thrpt variant=lua client=jedis server=cluster:7.0 ttlMs=20 keys=100 threads=1: not in the baseline.");

    // Nor is it normalised by the single node's PING when its own is missing.
    RunData noClusterPing = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "cluster:7.0", 20, 100, 1, 30000, 0, 10000, 10100, 9900).load(tmp, "no-cluster-ping");
    BenchGate.Result uncalibrated = gate.check(baselineWithCluster(), noClusterPing);
    assertThat(uncalibrated.findings()).isEmpty();
    assertThat(uncalibrated.notes()).contains(
        "thrpt variant=lua client=jedis server=cluster:7.0 ttlMs=20 keys=100 threads=1: no PING calibration in the run, throughput not gated.");
  }

  @Test
  void aClusterCellIsHeldToTheExpectationsOfItsNodesVersion() {
    BenchGate byVersion = new BenchGate(0.20, BenchExpectations.parse("lua  >=7.0  *  *  clean  one clock per script\n", "test"));
    RunData run = SyntheticRun.create().ping("cluster:7.0", 1, 30000).counter("lua", "cluster:7.0", 20, 100, 1, 45000, 1, 15000, 15100)
        .load(tmp, "cluster-ttl-less");
    assertThat(byVersion.check(null, run).findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(BenchGate.Rule.NEW_TTL_LESS);
      assertThat(f.fromExpectations()).isTrue();
      assertThat(f.cell().server()).isEqualTo("cluster:7.0");
    });
  }
}
