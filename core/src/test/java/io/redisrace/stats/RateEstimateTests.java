package io.redisrace.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateEstimateTests {

  @Test
  void zeroEventsIsNotARateOfZero() {
    RateEstimate r = RateEstimate.of(0, 200_000);
    assertThat(r.perMillion()).isZero();
    assertThat(r.lowPerMillion()).isZero();
    // the "rule of three" region: about 3.84 / n
    assertThat(r.highPerMillion()).isCloseTo(19.2, within(0.2));
  }

  @Test
  void matchesTheDesignTable() {
    RateEstimate r = RateEstimate.of(3, 200_000); // multi on 2.8.19 at 20 ms
    assertThat(r.perMillion()).isCloseTo(15.0, within(1e-9));
    assertThat(r.lowPerMillion()).isBetween(4.0, 6.0);
    assertThat(r.highPerMillion()).isBetween(40.0, 50.0);
    assertThat(r.toString()).isEqualTo("15.0 per million ops (95% CI 5.1-44.1)");
  }

  @Test
  void noOpsHasNoRate() {
    assertThat(RateEstimate.of(0, 0).perMillion()).isNaN();
  }
}
