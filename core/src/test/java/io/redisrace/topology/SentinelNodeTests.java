package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The time of a Sentinel's log line, which a trial record's Sentinel events are filtered by. */
class SentinelNodeTests {
  @Test
  void readsTheTimeOfARedisLogLine() {
    assertThat(SentinelNode.logTime("4242:X 03 Dec 2026 06:12:00.123 # +sdown master redis-race 127.0.0.1 40001"))
        .contains(LocalDateTime.of(2026, 12, 3, 6, 12, 0, 123_000_000));
  }

  @Test
  void aLineWithoutATimeHasNone() {
    assertThat(SentinelNode.logTime("+sdown master redis-race 127.0.0.1 40001")).isEmpty();
    assertThat(SentinelNode.logTime("4242:X 31 Foo 2026 06:12:00.123 # +sdown")).isEmpty();
  }
}
