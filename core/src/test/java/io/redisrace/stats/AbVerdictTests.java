package io.redisrace.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The A/B statistics on hand-made per-fork scores. No timing is measured here. */
class AbVerdictTests {

  @Test
  void exactPValuesMatchTheTabulatedDistribution() {
    // n = m = 5, complete separation: 2 of 252 splits are as extreme.
    assertThat(MannWhitney.test(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10}).p()).isCloseTo(2.0 / 252, within(1e-12));
    // U = 2: 4 splits at or below it on each side.
    assertThat(MannWhitney.test(new double[] {1, 2, 3, 7, 8}, new double[] {4, 5, 6, 9, 10}).p()).isGreaterThan(0.05);
    assertThat(MannWhitney.test(new double[] {1, 2, 3, 5, 6}, new double[] {4, 7, 8, 9, 10}).p()).isCloseTo(8.0 / 252, within(1e-12));
    // U = 3: 7 splits on each side, p = 14/252, not below 0.05.
    assertThat(MannWhitney.test(new double[] {1, 2, 4, 5, 6}, new double[] {3, 7, 8, 9, 10}).p()).isCloseTo(14.0 / 252, within(1e-12));
    // Identical samples: no evidence at all.
    assertThat(MannWhitney.test(new double[] {5, 5, 5}, new double[] {5, 5, 5}).p()).isEqualTo(1.0);
  }

  @Test
  void theNormalApproximationTakesOverOnLargeSamples() {
    // C(60, 30) splits: too many to enumerate, the normal approximation judges.
    double[] a = new double[30];
    double[] b = new double[30];
    double[] shifted = new double[30];
    for (int i = 0; i < 30; i++) {
      a[i] = 2 * i;
      b[i] = 2 * i + 1;
      shifted[i] = 2 * i + 40;
    }
    assertThat(MannWhitney.test(a, b).p()).isGreaterThan(0.5);
    assertThat(MannWhitney.test(a, shifted).p()).isLessThan(0.001);
  }

  @Test
  void throughputThatDroppedIsSlowerAndLatencyThatRoseIsSlower() {
    double[] a = {100, 101, 99, 102, 98};
    double[] b = {80, 81, 79, 82, 78};
    AbVerdict thrpt = AbVerdict.judge(a, b, true, 0.05, 0.05);
    assertThat(thrpt.outcome()).isEqualTo(AbVerdict.Outcome.SLOWER);
    assertThat(thrpt.ratio()).isCloseTo(0.8, within(1e-9));
    assertThat(thrpt.why()).contains("-20.0%").contains("B is slower");
    // The same numbers as microseconds per operation: B is faster.
    assertThat(AbVerdict.judge(a, b, false, 0.05, 0.05).outcome()).isEqualTo(AbVerdict.Outcome.FASTER);
    assertThat(AbVerdict.judge(b, a, false, 0.05, 0.05).outcome()).isEqualTo(AbVerdict.Outcome.SLOWER);
  }

  @Test
  void aSignificantChangeBelowTheMinimumEffectIsNoChange() {
    double[] a = {100, 100.1, 99.9, 100.2, 99.8};
    double[] b = {98, 98.1, 97.9, 98.2, 97.8};
    AbVerdict v = AbVerdict.judge(a, b, true, 0.05, 0.05);
    assertThat(v.p()).isLessThan(0.05);
    assertThat(v.outcome()).isEqualTo(AbVerdict.Outcome.SAME);
    assertThat(v.why()).contains("below the minimum effect");
  }

  @Test
  void aBigChangeInsideTheNoiseIsNoChange() {
    double[] a = {100, 60, 140, 90, 110};
    double[] b = {70, 130, 55, 95, 85};
    assertThat(AbVerdict.judge(a, b, true, 0.05, 0.05).outcome()).isEqualTo(AbVerdict.Outcome.SAME);
  }

  @Test
  void tooFewForksAreNotCompared() {
    AbVerdict v = AbVerdict.judge(new double[] {1}, new double[] {2, 3}, true, 0.05, 0.05);
    assertThat(v.outcome()).isEqualTo(AbVerdict.Outcome.NOT_COMPARED);
    assertThat(v.why()).contains("at least 2 forks");
  }

  @Test
  void holmRaisesTheBarWhenARunHasManyCells() {
    double[] a = {100, 101, 99, 102, 98};
    double[] slow = {94, 95, 93, 96, 90};   // complete separation: p = 0.0079
    double[] mixed = {93, 99.5, 91, 96, 92}; // U = 2: p = 0.032
    // Alone, each is significant at 5%.
    assertThat(AbVerdict.judge(a, mixed, true, 0.05, 0.05).outcome()).isEqualTo(AbVerdict.Outcome.SLOWER);
    // Among 3 cells the smallest p must be below 0.05/3 and the next below 0.05/2: mixed (0.032) is not.
    var v = AbVerdict.judgeAll(List.of(a, a, a), List.of(slow, mixed, a), List.of(true, true, true), 0.05, 0.05);
    assertThat(v).extracting(AbVerdict::outcome)
        .containsExactly(AbVerdict.Outcome.SLOWER, AbVerdict.Outcome.SAME, AbVerdict.Outcome.SAME);
    assertThat(v.get(1).why()).contains("Holm's level for this cell among 3");
    // One cell: judgeAll is judge.
    assertThat(AbVerdict.judgeAll(List.of(a), List.of(mixed), List.of(true), 0.05, 0.05).get(0).outcome())
        .isEqualTo(AbVerdict.Outcome.SLOWER);
  }
}
