package io.redisrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The matrix heading states the bound as it is and names the client. */
class MatrixCommandTests {
  @Test
  void opsAndDurationBothBoundACell() {
    assertThat(MatrixCommand.heading(List.of(ClientMode.JEDIS), 20, 1, 1, Duration.ofSeconds(60), 200_000))
        .isEqualTo("TTL-less keys per variant and server, client jedis: ttl 20 ms, 1 threads, 1 key(s), at most 200,000 ops or 60 s per cell.");
  }

  @Test
  void oneBoundAndSeveralClients() {
    assertThat(MatrixCommand.heading(List.of(ClientMode.LETTUCE), 1, 4, 1, Duration.ofSeconds(10), 0))
        .isEqualTo("TTL-less keys per variant and server, client lettuce: ttl 1 ms, 4 threads, 1 key(s), 10 s per cell.");
    assertThat(MatrixCommand.heading(List.of(ClientMode.JEDIS, ClientMode.LETTUCE), 1, 4, 1, null, 20_000))
        .isEqualTo("TTL-less keys per variant and server, clients jedis, lettuce (rows name the client): ttl 1 ms, 4 threads, 1 key(s), "
            + "20,000 ops per cell.");
    assertThat(MatrixCommand.heading(List.of(ClientMode.JEDIS), 1, 4, 1, Duration.ofMillis(500), 0)).endsWith(", 500 ms per cell.");
  }
}
