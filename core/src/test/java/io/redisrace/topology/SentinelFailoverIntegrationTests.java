package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.client.ClientMode;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.time.Duration;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

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
      // Until every Sentinel names the promoted node and none has a failover in progress: the first
      // answer alone is not final. All three Sentinels see the primary down at the same moment, try
      // to fail over at once, split the vote and try again 10 s later (2 x failover-timeout, within
      // a second of each other); a Sentinel that has not yet heard of the winner's promotion can
      // start a failover of a higher epoch and promote the other replica (seen twice under load:
      // node-3, not node-2). Once each Sentinel follows the new primary, none fails the old one over.
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
          .until(() -> TopologyHealth.agreedPrimary(t).filter(p -> p != old).isPresent());
      DataNode promoted = t.primary();
      System.out.printf("Redis %s: %s promoted %d ms after the SIGKILL of %s; nodes then: %s%n", kind.id(), promoted.name(),
          (System.nanoTime() - killed) / 1_000_000, old.name(), roles(t));
      // And until the other replica follows it: a replica that a lost election had already promoted
      // stays a primary (and takes writes) until a Sentinel reconfigures it, 8 s after it says master.
      await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
          .until(() -> t.nodes().stream().filter(n -> n != old && n != promoted)
              .allMatch(n -> Replication.of(n).replicaProblem(promoted).isEmpty()));
      System.out.printf("Redis %s: every live replica follows %s %d ms after the SIGKILL%n", kind.id(), promoted.name(),
          (System.nanoTime() - killed) / 1_000_000);

      // Writes fail while the clients still dial the dead primary; each client finds the new one by itself.
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> "OK".equals(jedis.set("jedis-after", "1")));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
          .until(() -> "OK".equals(connection.sync().set("lettuce-after", "1")));
      String wrote = "Jedis answers from " + nodeAt(t, SafeEncoder.encode((byte[]) jedis.sendCommand(Protocol.Command.INFO, "server")))
          + ", Lettuce from " + nodeAt(t, connection.sync().info("server")) + "; nodes: " + roles(t) + "; the Sentinels' events:\n" + events(t);
      try (Jedis direct = promoted.jedis()) {
        assertThat(direct.mget("jedis-after", "lettuce-after")).as(wrote).containsExactly("1", "1");
      }

      old.restart(Duration.ofSeconds(15));
      assertThat(t.awaitHealthy(Duration.ofSeconds(30))).isEmpty();
      // Each Sentinel's failover events, shown with a primary other than the promoted one.
      assertThat(t.primary()).as("the primary after the heal; the Sentinels' failover events:%n%s", events(t)).isSameAs(promoted);
      try (Jedis direct = old.jedis()) {
        assertThat(direct.info("replication")).contains("role:slave");
      }
    }
  }

  /** Each data node's role now: "node-1 down, node-2 master, node-3 slave of 41234". */
  private static String roles(SentinelTopology t) {
    return t.nodes().stream().map(n -> {
      if (!n.isRunning()) {
        return n.name() + " down";
      }
      Replication r = Replication.of(n);
      return n.name() + " " + r.role() + ("slave".equals(r.role()) ? " of " + r.fields().get("master_port") : "");
    }).collect(Collectors.joining(", "));
  }

  /** The data node whose {@code INFO server} this is (by its tcp_port). */
  private static String nodeAt(SentinelTopology t, String infoServer) {
    String port = Replication.fields(infoServer).get("tcp_port");
    return t.nodes().stream().filter(n -> String.valueOf(n.port()).equals(port)).map(DataNode::name).findFirst().orElse("port " + port);
  }

  private static String events(SentinelTopology t) {
    StringBuilder b = new StringBuilder();
    t.sentinels().forEach(s -> s.events().forEach(e -> b.append(s.name()).append(": ").append(e).append('\n')));
    return b.toString();
  }
}
