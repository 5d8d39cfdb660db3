package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.process.ChildProcess;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerInstaller;
import io.redisrace.server.ServerManifest;
import io.redisrace.server.ServerSpec;
import io.redisrace.testing.SharedServers;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The Sentinel and cluster topologies on versions of the atlas, installed by the test itself
 * through the manifest (cached after the first run, as {@code InstalledServersIntegrationTests}
 * does): on Valkey 9.1.2 both become healthy from the installed binary (the Sentinels are that
 * binary with {@code --sentinel}), and the Sentinel topology heals after a crash failover; on Redis 5.0.9, the oldest the cluster drives, the cluster forms
 * without the directives 5.0 lacks ({@code rdb-del-sync-files}, set by persistence none). Every
 * process is gone afterwards.
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Dit.test=InstalledTopologiesIntegrationTests}
 */
class InstalledTopologiesIntegrationTests {

  @Test
  void theClusterAndTheSentinelTopologyRunOnAnInstalledValkey() {
    ServerSpec valkey = installed("valkey-9.1.2");
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    Set<ChildProcess> before = ChildProcess.live();
    List<Long> pids = new ArrayList<>();
    try (ClusterTopology c = ClusterTopology.builder(valkey).toxiproxy(toxiproxy).start()) {
      System.out.printf("cluster on valkey-9.1.2 healthy after %d ms%n", c.startup().toMillis());
      assertThat(c.problem()).isEmpty();
      assertThat(c.spec().id()).isEqualTo("valkey-9.1.2");
      assertThat(c.primaries()).hasSize(3).containsExactlyElementsOf(c.nodes().subList(0, 3));
      c.primaries().forEach(p -> assertThat(c.replicaOf(p)).isPresent());
      for (DataNode n : c.nodes()) {
        pids.add(n.pid());
        try (Jedis j = n.jedis()) {
          assertThat(j.clusterInfo()).contains("cluster_state:ok");
          assertThat(j.info("server")).contains("valkey_version:9.1.2");
        }
      }
    }
    try (SentinelTopology t = SentinelTopology.builder(valkey).toxiproxy(toxiproxy).start()) {
      System.out.printf("Sentinel topology on valkey-9.1.2 healthy after %d ms%n", t.startup().toMillis());
      assertThat(t.problem()).isEmpty();
      assertThat(t.spec().promisedVersion()).contains(RedisVersion.parse("7.2.4"));
      t.nodes().forEach(n -> pids.add(n.pid()));
      for (SentinelNode s : t.sentinels()) {
        pids.add(s.pid());
        try (Jedis j = s.jedis()) {
          assertThat(j.info("server")).contains("valkey_version:9.1.2").contains("server_mode:sentinel");
        }
      }
      // A crash failover heals on Valkey too, whose Sentinels keep a peer's "master_down" flag after it.
      TopologyFault.Outcome o = TopologyFaults.parse("primary-crash-failover").strike(t, () -> { });
      assertThat(o.healed()).as("%s", o).isTrue();
      assertThat(o.failedOver()).as("%s", o).isTrue();
      t.nodes().forEach(n -> pids.add(n.pid())); // the restarted node's new process
    }
    assertThat(pids).hasSize(15).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(ChildProcess.live()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void theClusterRunsOnRedis50WithoutTheDirectivesItLacks() {
    ServerSpec old = installed("5.0.9");
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    Set<ChildProcess> before = ChildProcess.live();
    List<Long> pids = new ArrayList<>();
    try (ClusterTopology c = ClusterTopology.builder(old).persistence(Persistence.NONE).toxiproxy(toxiproxy).start()) {
      System.out.printf("cluster on 5.0.9 healthy after %d ms%n", c.startup().toMillis());
      assertThat(c.problem()).isEmpty();
      for (DataNode n : c.nodes()) {
        pids.add(n.pid());
        try (Jedis j = n.jedis()) {
          assertThat(j.clusterInfo()).contains("cluster_state:ok");
          assertThat(j.configGet("rdb-del-sync-files")).as("5.0 has no rdb-del-sync-files").isEmpty();
          assertThat(j.configGet("cluster-replica-validity-factor")).containsEntry("cluster-replica-validity-factor", "0");
        }
      }
    }
    assertThat(pids).hasSize(6).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(ChildProcess.live()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static ServerSpec installed(String id) {
    ServerManifest.Entry entry = ServerManifest.builtIn().byId(id).orElseThrow();
    ServerInstaller.install(entry);
    return ServerSpec.of(entry);
  }
}
