package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule of the gate, in both directions, on hand-made JMH JSON. No timing is measured here. */
class GateTests {
  @TempDir Path tmp;

  static final Expectations EXPECT = Expectations.parse("""
      naive  *    <=20  1  must-race  three round trips
      multi  2.8  <=1   1  must-race  2.8 clock per command
      multi  2.8  *     *  may-race   rare at 20 ms
      multi  *    *     *  clean      EXEC clock frozen
      lua    *    *     *  clean      one clock per script
      """, "test");

  final Gate gate = new Gate(0.20, EXPECT);

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
    Gate.Result r = gate.check(baseline(), run);
    assertThat(r.passed()).isFalse();
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Gate.Rule.THROUGHPUT);
      assertThat(f.cell().variant()).isEqualTo("lua");
      assertThat(f.why()).contains("-30%");
    });
    assertThat(Gate.table(r)).contains("FAILED").contains("| throughput regression |");
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
    Gate.Result r = gate.check(baseline(), run);
    assertThat(r.cellsCompared()).isZero();
    assertThat(Gate.table(r)).doesNotContain("PASSED");
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
    Gate.Result own = gate.check(dockerBaseline, run);
    assertThat(own.cellsCompared()).isEqualTo(1);
    assertThat(own.findings()).extracting(Gate.Finding::rule).contains(Gate.Rule.THROUGHPUT);
  }

  @Test
  void aSlowerMachineIsNotARegression() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 15000, 15050, 14950)
        .counter("lua", "7.0", 20, 1, 1, 30000, 0, 10000, 10050, 9950)
        .load(tmp, "run");
    Gate.Result r = gate.check(baseline(), run);
    assertThat(r.passed()).isTrue();
    assertThat(r.cellsCompared()).isEqualTo(1);
  }

  @Test
  void withoutCalibrationThroughputIsNotJudged() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 30000, 0, 1000, 1000, 1000).load(tmp, "run");
    Gate.Result r = gate.check(baseline(), run);
    assertThat(r.passed()).isTrue();
    assertThat(r.notes()).anyMatch(n -> n.contains("no PING calibration"));
  }

  @Test
  void aTtlLessKeyInACleanCellIsCaught() {
    RunData run = SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 1, 20000, 20100, 19900)
        .load(tmp, "run");
    Gate.Result r = gate.check(baseline(), run);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Gate.Rule.NEW_TTL_LESS);
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
      assertThat(f.rule()).isEqualTo(Gate.Rule.NEW_TTL_LESS);
      assertThat(f.fromExpectations()).isFalse();
    });
    RunData alreadyBad = SyntheticRun.create().counter("mine", "7.0", 20, 1, 1, 60000, 5, 9000, 9000).load(tmp, "bad");
    assertThat(gate.check(alreadyBad, worse).passed()).isTrue();
  }

  @Test
  void aKnownRaceThatIsNoLongerFoundIsCaught() {
    RunData blind = SyntheticRun.create().counter("multi", "2.8", 1, 1, 4, 90000, 0, 15000, 15000, 15000).load(tmp, "blind");
    Gate.Result r = gate.check(null, blind);
    assertThat(r.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(Gate.Rule.LOST_DETECTION);
      assertThat(f.why()).contains("2.8 clock per command");
    });
    RunData seeing = SyntheticRun.create().counter("multi", "2.8", 1, 1, 4, 90000, 21, 15000, 15000, 15000).load(tmp, "seeing");
    assertThat(gate.check(null, seeing).passed()).isTrue();
  }

  @Test
  void naiveMustRaceEverywhereWithAShortTtl() {
    RunData run = SyntheticRun.create().counter("naive", "6.2", 20, 1, 1, 30000, 0, 9000, 9000).load(tmp, "run");
    assertThat(gate.check(null, run).findings()).extracting(Gate.Finding::rule).containsExactly(Gate.Rule.LOST_DETECTION);
    RunData longTtl = SyntheticRun.create().counter("naive", "6.2", 1000, 1, 1, 30000, 0, 9000, 9000).load(tmp, "long");
    assertThat(gate.check(null, longTtl).passed()).isTrue();
  }

  @Test
  void aMustRaceCellThatDidNotRunIsANoteNotAFailure() {
    RunData run = SyntheticRun.create().counter("lua", "7.0", 20, 1, 1, 60000, 0, 20000, 20000).load(tmp, "run");
    Gate.Result r = gate.check(null, run);
    assertThat(r.passed()).isTrue();
    assertThat(r.notes()).anyMatch(n -> n.contains("must-race multi on 2.8") && n.contains("not checked"));
  }

  @Test
  void thresholdOutsideZeroToOneIsRefusedWithOneSentence() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Gate(20, EXPECT))
        .hasMessageContaining("fraction between 0 and 1");
  }
}
