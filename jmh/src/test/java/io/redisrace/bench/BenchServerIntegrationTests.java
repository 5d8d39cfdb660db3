package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterDriver;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * {@code sentinel:<id>} as a bench server: the counters of a trial and its PING reach the primary
 * of a Sentinel topology in Sentinel mode, the janitor reaches the same node directly; a version
 * the topology cannot run is one sentence.
 */
class BenchServerIntegrationTests {

  @Test
  void aSentinelServerIdGivesCountersAndPingsOnThePrimary() {
    try (BenchServer server = BenchServer.start("sentinel:6.2")) {
      assertThat(server.version().toString()).isEqualTo("6.2.11");
      for (ClientMode mode : new ClientMode[] {ClientMode.JEDIS, ClientMode.LETTUCE}) {
        try (CounterDriver driver = new CounterDriver(BuiltInVariant.LUA, mode, server.version(), 60_000, () -> server.connections(mode));
            Jedis admin = server.admin()) {
          Counter counter = driver.newCounter();
          String key = "bench:" + mode.id();
          assertThat(counter.increment(key).value()).isEqualTo(1);
          assertThat(counter.increment(key).value()).isEqualTo(2);
          assertThat(admin.get(key)).as("the janitor's node holds the counter").isEqualTo("2");
          assertThat(admin.info("replication")).contains("role:master");
        }
      }
      try (var connections = server.connections(ClientMode.JEDIS); Jedis ping = connections.jedis()) {
        assertThat(ping.ping()).isEqualTo("PONG");
      }
    }
  }

  @Test
  void aVersionTheTopologyCannotRunIsOneSentence() {
    assertThatThrownBy(() -> BenchServer.start("sentinel:2.8")).isInstanceOf(HarnessException.class)
        .hasMessageContaining("cannot run on 2.8");
    assertThat(BenchServer.bare("sentinel:7.0")).isEqualTo("7.0");
    assertThat(BenchServer.bare("7.0")).isEqualTo("7.0");
  }
}
