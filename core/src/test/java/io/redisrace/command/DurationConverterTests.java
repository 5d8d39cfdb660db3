package io.redisrace.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTests {

  @Test
  void readsWhatPeopleWrite() {
    assertThat(DurationConverter.parse("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("PT1H")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void refusesNegativeZeroAndGarbage() {
    assertThatThrownBy(() -> DurationConverter.parse("-5s")).isInstanceOf(HarnessException.class)
        .hasMessage("The duration must be positive (like 20s or 2m), not '-5s'.");
    assertThatThrownBy(() -> DurationConverter.parse("0s")).isInstanceOf(HarnessException.class);
    assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(HarnessException.class)
        .hasMessage("'soon' is not a duration; write it like 500ms, 20s, 2m or 1h.");
  }
}
