package io.redisrace.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsTests {

  @Test
  void studentTQuantiles() {
    assertThat(Intervals.t95(1)).isEqualTo(12.706204736);
    assertThat(Intervals.t95(30)).isEqualTo(2.042272456);
    assertThat(Intervals.t95(60)).isCloseTo(2.000298, within(1e-4));
    assertThat(Intervals.t95(1000)).isCloseTo(1.962339, within(1e-4));
    assertThat(Intervals.t95(0)).isNaN();
  }

  @Test
  void halfWidthsOfTheMeanOfThreeIterations() {
    List<Double> xs = List.of(9.0, 10.0, 11.0); // s = 1, standard error 1/sqrt(3)
    assertThat(Intervals.normalHalfWidth95(xs)).isCloseTo(1.959964 / Math.sqrt(3), within(1e-6));
    assertThat(Intervals.studentHalfWidth95(xs)).isCloseTo(4.302653 / Math.sqrt(3), within(1e-6));
  }

  @Test
  void noIntervalFromOneValueOrFromNaN() {
    assertThat(Intervals.normalHalfWidth95(List.of(5.0))).isNaN();
    assertThat(Intervals.studentHalfWidth95(List.of(5.0))).isNaN();
    assertThat(Intervals.studentHalfWidth95(List.of(5.0, Double.NaN))).isNaN();
  }
}
