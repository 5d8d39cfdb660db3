package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import org.junit.jupiter.api.Test;

/** A/B settings that could never give a verdict are refused in one sentence. */
class AbRunnerTests {

  @Test
  void tooFewForksForTheNumberOfCellsAreRefused() {
    // 6 forks a side: the smallest p is 2/924 = 0.0022; Holm holds 30 cells to 0.05/30 = 0.0017.
    assertThatThrownBy(() -> AbRunner.requireReachable(AbRunner.settings(6, 0.05, 0.05), 30))
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("With 6 forks a side the smallest possible p is 0.0022, not below 0.0017")
        .hasMessageEndingWith("raise -Dgate.forks or select fewer cells with -Dgate.abInclude.");
    assertThatCode(() -> AbRunner.requireReachable(AbRunner.settings(6, 0.05, 0.05), 6)).doesNotThrowAnyException();
    assertThatCode(() -> AbRunner.requireReachable(AbRunner.settings(7, 0.05, 0.05), 30)).doesNotThrowAnyException();
  }

  @Test
  void badSettingsAreOneSentence() {
    assertThatThrownBy(() -> AbRunner.settings(1, 0.05, 0.05)).hasMessage("--forks must be at least 2 (4 or more for p < 0.05 to be reachable), not 1.");
    assertThatThrownBy(() -> AbRunner.settings(6, 5, 0.05)).hasMessageContaining("--alpha must be between 0 and 1");
    assertThatThrownBy(() -> AbRunner.settings(6, 0.05, 5)).hasMessageContaining("--min-effect must be a fraction");
  }
}
