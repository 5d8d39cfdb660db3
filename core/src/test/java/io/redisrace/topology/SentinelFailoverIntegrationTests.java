package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.client.ClientMode;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;

/**
 * SIGKILL of the primary: the Sentinels promote a replica, a Jedis and a Lettuce client in
 * Sentinel mode (each through the nodes' client proxies) write to the new primary, and the old
 * primary, restarted, rejoins as a replica: the topology is healthy again.
 */
class SentinelFailoverIntegrationTests {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  // 7.0 here; TopologyFaultsIntegrationTests fails 6.2 over four ways.
  @ParameterizedTest(name = "Redis {0}")
  @EnumSource(value = ServerKind.class, names = {"REDIS_7_0"})
  void clientsFollowThePromotedReplicaAfterThePrimaryIsKilled(ServerKind kind) {
    try (SentinelTopology t = SentinelTopology.builder(kind).toxiproxy(SharedServers.toxiproxy()).start();
        UnifiedJedis jedis = SentinelClients.jedis(t, ClientMode.JEDIS, TIMEOUT);
        SentinelClients.LettuceSentinel lettuce = SentinelClients.lettuce(t, ClientMode.LETTUCE, TIMEOUT);
        StatefulRedisConnection<String, String> connection = lettuce.connect()) {
      DataNode old = t.primary();
      jedis.set("jedis-before", "1");
      connection.sync().set("lettuce-before", "1");
      try (Jedis direct = old.jedis()) {
        assertThat(direct.mget("jedis-before", "lettuce-before")).containsExactly("1", "1");
      }

      long killed = System.nanoTime();
      old.kill();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> t.primary() != old);
      DataNode promoted = t.primary();
      System.out.printf("Redis %s: %s promoted %d ms after the SIGKILL of %s%n", kind.id(), promoted.name(),
          (System.nanoTime() - killed) / 1_000_000, old.name());

      // Writes fail while the clients still dial the dead primary; each client finds the new one by itself.
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "OK".equals(jedis.set("jedis-after", "1")));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> "OK".equals(connection.sync().set("lettuce-after", "1")));
      try (Jedis direct = promoted.jedis()) {
        assertThat(direct.mget("jedis-after", "lettuce-after")).containsExactly("1", "1");
      }

      old.restart(Duration.ofSeconds(15));
      assertThat(t.awaitHealthy(Duration.ofSeconds(30))).isEmpty();
      assertThat(t.primary()).isSameAs(promoted);
      try (Jedis direct = old.jedis()) {
        assertThat(direct.info("replication")).contains("role:slave");
      }
    }
  }
}
