package io.redisrace.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HuntReportTests {
  private static final HuntSettings SETTINGS = HuntSettings.of(BuiltInVariant.MULTI, ClientMode.LETTUCE, 1, 4, 1, Duration.ofMillis(2500), 0);

  private static HuntResult result(String server, String version, long ops, long inBand, long audited, List<String> keys) {
    return new HuntResult("multi", "lettuce", server, version, 1, 4, 1, ops, Duration.ofSeconds(2), 10, inBand, audited, 0, 0, 0,
        inBand > 0 ? 17 : -1, List.of(), keys);
  }

  @Test
  void theFailureNamesOnlyTheServersWithTtlLessKeysTheirKeysAndReplayCommands() {
    HuntReport report = new HuntReport(BuiltInVariant.MULTI, SETTINGS,
        List.of(result("2.8", "2.8.19", 5000, 3, 1, List.of("race:multi:0")), result("7.0", "7.0.15", 6000, 0, 0, List.of())));
    assertThat(report.ttlLess()).isEqualTo(4);
    assertThat(report.on("7.0")).map(HuntResult::ops).contains(6000L);
    assertThatThrownBy(report::assertNoTtlLessKeys)
        .isInstanceOf(AssertionError.class)
        .hasMessage("Counter variant 'multi' left TTL-less keys (or ran no operation):\n"
            + "  Redis 2.8.19 (2.8): 4 TTL-less (3 in-band, 1 by the audit) in 5,000 ops over 2.0 s, the first after 17 ops; keys race:multi:0\n"
            + "    replay: java -jar core/target/redis-race.jar hunt --server 2.8 --variant multi --client lettuce --ttl-ms 1 --threads 4"
            + " --keys 1 --duration 2500ms");
    assertThatThrownBy(report::assertTtlLessKeysOnEveryServer).hasMessageContaining("Redis 7.0.15 (7.0): 0 TTL-less");
  }

  @Test
  void aHuntThatRanNoOperationDoesNotPass() {
    HuntReport report = new HuntReport(BuiltInVariant.MULTI, SETTINGS, List.of(result("7.0", "7.0.15", 0, 0, 0, List.of())));
    assertThatThrownBy(report::assertNoTtlLessKeys).hasMessageContaining("0 TTL-less (0 in-band, 0 by the audit) in 0 ops");
  }
}
