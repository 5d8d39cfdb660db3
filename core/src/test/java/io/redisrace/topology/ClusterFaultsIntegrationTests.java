package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Every registered cluster fault, struck on one Redis 7.0 cluster, heals (the cluster healthy
 * again) and moves the struck slot to another primary; slot-migrate carries the slot's keys; a
 * write the isolated primary acknowledged is on no node after the heal.
 */
class ClusterFaultsIntegrationTests {
  private static ClusterTopology cluster;

  @BeforeAll
  static void start() {
    cluster = SharedServers.cluster(ServerKind.REDIS_7_0);
  }

  @Test
  void everyFaultHealsAndMovesTheSlot() {
    List<String> keys = IntStream.range(0, 20).mapToObj(i -> ClusterTopology.HASH_TAG + ":" + i).toList();
    try (ClusterClients.JedisClusterClient jedis = ClusterClients.jedis(cluster.addresses(), ClientMode.JEDIS_RETRY, Duration.ofSeconds(2))) {
      keys.forEach(k -> jedis.cluster().set(k, "v"));
    }
    assertThat(TopologyFaults.cluster()).extracting(ClusterFault::id).containsExactly("cluster-kill-primary", "cluster-failover",
        "cluster-failover-force", "cluster-failover-takeover", "cluster-isolate-primary", "cluster-slot-migrate");
    for (ClusterFault f : TopologyFaults.cluster()) {
      TopologyFault.Outcome o = f.strike(cluster, () -> {});
      System.out.printf("%s: %s; healthy again after %d ms%n", o.fault(), o.what(), o.took().toMillis());
      assertThat(o.notHealed()).as(o.fault()).isEmpty();
      assertThat(o.failedOver()).as("%s moves the slot: %s", o.fault(), o.what()).isTrue();
    }
    try (ClusterClients.JedisClusterClient jedis = ClusterClients.jedis(cluster.addresses(), ClientMode.JEDIS_RETRY, Duration.ofSeconds(2))) {
      // persistence none: the kill lost nothing because the replica had the keys; the migration carried them
      keys.forEach(k -> assertThat(jedis.cluster().get(k)).as(k).isEqualTo("v"));
    }
    try (Jedis owner = cluster.primaryOf(ClusterFault.slot()).jedis()) {
      assertThat(owner.clusterCountKeysInSlot(ClusterFault.slot())).isEqualTo(keys.size());
    }
  }

  @Test
  void aWriteTheIsolatedPrimaryAcknowledgedIsLostAfterTheHeal() {
    String key = ClusterTopology.HASH_TAG + ":acknowledged-alone";
    DataNode isolated = cluster.primaryOf(ClusterFault.slot());
    String[] reply = new String[1];
    TopologyFault.Outcome o = TopologyFaults.parseCluster("cluster-isolate-primary").strike(cluster, () -> {
      try (Jedis viaItsClients = ClientMode.jedis(isolated.clientAddress().getHost(), isolated.clientAddress().getPort())) {
        reply[0] = viaItsClients.set(key, "acked");
      }
    });
    assertThat(reply[0]).as("the isolated primary acknowledged the write").isEqualTo("OK");
    assertThat(o.healed()).as(o.what()).isTrue();
    assertThat(o.failedOver()).isTrue();
    for (DataNode n : cluster.nodes()) {
      try (Jedis j = n.jedis()) {
        // GETKEYSINSLOT answers on any node, primary or replica, without a redirect
        assertThat(j.clusterGetKeysInSlot(ClusterFault.slot(), 1000)).as("the write on %s after the heal", n.name()).doesNotContain(key);
      }
    }
  }
}
