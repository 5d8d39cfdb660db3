package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.Counter;
import io.redisrace.counter.Outcome;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Writes through JedisCluster and Lettuce's RedisClusterClient (both refresh settings) land on the
 * node serving each key's slot, through the client proxies; every built-in counter variant runs on
 * the cluster through both client families with keys spread over the three primaries; a variant
 * whose operation touches two slots is reported not run with the CROSSSLOT reason, and runs once
 * its keys share a hash tag.
 */
class ClusterClientsIntegrationTests {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static ClusterTopology cluster;

  @BeforeAll
  static void start() {
    cluster = SharedServers.cluster(ServerKind.REDIS_7_0);
  }

  @Test
  void jedisAndLettuceWriteToTheNodeOfEachSlot() {
    List<String> keys = IntStream.range(0, 30).mapToObj(i -> "clients:" + i).toList();
    try (ClusterClients.JedisClusterClient jedis = ClusterClients.jedis(cluster.addresses(), ClientMode.JEDIS_RETRY, TIMEOUT)) {
      keys.forEach(k -> jedis.cluster().set(k, "jedis"));
    }
    Set<DataNode> owners = new HashSet<>();
    for (String k : keys) {
      DataNode owner = cluster.primaryOf(JedisClusterCRC16.getSlot(k));
      owners.add(owner);
      try (Jedis direct = owner.jedis()) {
        assertThat(direct.get(k)).as("%s on %s", k, owner.name()).isEqualTo("jedis");
      }
    }
    assertThat(owners).as("30 keys spread over the three primaries").hasSize(3);
    String previous = "jedis";
    for (ClusterClients.Refresh refresh : ClusterClients.Refresh.values()) {
      String expected = previous;
      try (ClusterClients.LettuceCluster lettuce = ClusterClients.lettuce(cluster.addresses(), ClientMode.LETTUCE, refresh, TIMEOUT);
          StatefulRedisClusterConnection<String, String> c = lettuce.connect()) {
        keys.forEach(k -> assertThat(c.sync().get(k)).isEqualTo(expected));
        keys.forEach(k -> c.sync().set(k, "lettuce-" + refresh.id()));
      }
      try (Jedis direct = cluster.primaryOf(JedisClusterCRC16.getSlot(keys.get(0))).jedis()) {
        assertThat(direct.get(keys.get(0))).isEqualTo("lettuce-" + refresh.id());
      }
      previous = "lettuce-" + refresh.id();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(ClientMode.class)
  void everyBuiltInVariantCountsOnTheCluster(ClientMode mode) {
    for (BuiltInVariant v : BuiltInVariant.values()) {
      try (ClusterCounters counters = new ClusterCounters(v, mode, cluster.addresses(), ClusterClients.Refresh.ADAPTIVE, 60_000, TIMEOUT);
          Counter counter = counters.newCounter()) {
        for (int i = 0; i < 6; i++) {
          String key = "count:" + mode.id() + ":" + v.id() + ":" + i;
          Outcome first = counter.increment(key);
          Outcome second = counter.increment(key);
          assertThat(List.of(first.value(), second.value())).as("%s %s", v.id(), key).containsExactly(1L, 2L);
          assertThat(second.pttl()).as("%s keeps its TTL", v.id()).isPositive();
          try (Jedis direct = cluster.primaryOf(JedisClusterCRC16.getSlot(key)).jedis()) {
            assertThat(direct.get(key)).isEqualTo("2");
          }
          counters.delete(key);
        }
        assertThat(counters.crossSlot("probe:" + v.id())).as(v.id()).isEmpty();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ClientMode.class, names = {"JEDIS", "LETTUCE"})
  void aVariantOnTwoSlotsIsNotRunWithTheCrossSlotReason(ClientMode mode) {
    try (ClusterCounters counters = new ClusterCounters(new TwoKeyVariant(false), mode, cluster.addresses(),
        ClusterClients.Refresh.STATIC, 60_000, TIMEOUT)) {
      assertThat(counters.crossSlot("race:two-keys:0")).hasValueSatisfying(reason -> assertThat(reason)
          .startsWith("Variant two-keys is not run on a cluster: its operation touches keys in different slots (")
          .contains("CROSSSLOT").endsWith("give its keys a common hash tag such as {race:two-keys:0}."));
    }
    try (ClusterCounters counters = new ClusterCounters(new TwoKeyVariant(true), mode, cluster.addresses(),
        ClusterClients.Refresh.STATIC, 60_000, TIMEOUT);
        Counter c = counters.newCounter()) {
      assertThat(counters.crossSlot("race:two-keys-tagged:0")).isEmpty();
      assertThat(c.increment("race:tagged:" + mode.id()).value()).isEqualTo(1);
    }
  }
}
