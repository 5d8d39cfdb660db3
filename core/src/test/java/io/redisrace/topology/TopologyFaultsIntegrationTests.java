package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Every registered topology fault, one after the other on one Sentinel topology of Redis 6.2:
 * each heals, and the topology is healthy again before the next one strikes. The faults that must
 * fail over do (and the pause-free ones must not), and the minority-partitioned primary
 * acknowledges a write through its client proxy that is gone from every node after the heal.
 */
class TopologyFaultsIntegrationTests {

  @Test
  void everyFaultHealsAndTheMinorityPrimaryLosesWhatItAcknowledged() {
    try (SentinelTopology t = SentinelTopology.builder(ServerKind.REDIS_6_2).toxiproxy(SharedServers.toxiproxy()).start()) {
      List<String> ids = new ArrayList<>();
      for (TopologyFault fault : TopologyFaults.all()) {
        ids.add(fault.id());
        DataNode primary = t.primary();
        AtomicReference<String> acknowledged = new AtomicReference<>();
        TopologyFault.Outcome outcome = fault.strike(t, () -> {
          if (fault.id().equals("minority-primary")) {
            // A client that still reaches the isolated primary through its client proxy.
            try (Jedis client = new Jedis(primary.clientAddress())) {
              acknowledged.set(client.set("split-brain", "written alone"));
            }
          }
        });
        System.out.printf("Redis 6.2 %s: %s, primary %s -> %s, healthy again after %d ms%n", fault.id(), outcome.what(),
            outcome.primaryBefore(), outcome.primaryAfter(), outcome.took().toMillis());
        assertThat(outcome.notHealed()).as(fault.id() + " healed").isEmpty();
        assertThat(outcome.failedOver()).as(fault.id() + " failed over")
            .isEqualTo(!fault.id().equals("primary-crash-restart") && !fault.id().equals("peer-lag"));
        if (fault.id().equals("minority-primary")) {
          assertThat(acknowledged.get()).as("the isolated primary acknowledged the write").isEqualTo("OK");
          t.nodes().forEach(n -> {
            try (Jedis direct = n.jedis()) {
              assertThat(direct.exists("split-brain")).as("the acknowledged write on " + n.name() + " after the heal").isFalse();
            }
          });
        }
      }
      assertThat(ids).containsExactly("primary-crash-restart", "primary-crash-failover", "primary-pause", "forced-failover",
          "minority-primary", "peer-lag");
    }
  }
}
