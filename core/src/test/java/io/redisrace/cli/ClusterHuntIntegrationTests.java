package io.redisrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.ClusterCounters;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.Jedis;

/**
 * The hunt on Redis Cluster: {@code --server cluster:7.0} starts one, hunts through the cluster
 * client with keys over many slots and stops it; {@code --server redis-cluster://...} hunts on a
 * cluster the test started, which is still healthy, with the same processes and no hunt keys left,
 * afterwards; bad cluster ids are one sentence and exit 2.
 */
class ClusterHuntIntegrationTests {

  @Test
  void huntOnAClusterItStarts() throws Exception {
    CliIntegrationTests.Run r = CliIntegrationTests.run(Map.of(), "hunt", "--server", "cluster:7.0", "--variant", "lua", "--client",
        "lettuce", "--topology-refresh", "adaptive", "--keys", "64", "--threads", "2", "--ops", "3000", "--ttl-ms", "50", "-q");
    System.out.print(r.out());
    assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
    assertThat(r.out()).contains("hunt: variant=lua client=lettuce refresh=adaptive server=cluster:7.0 (Redis 7.0.15, cluster of 3 primaries")
        .contains("keys=64 on 64 slots").containsPattern("ops +3,000").containsPattern("errors +0").containsPattern("TTL-less \\(audit\\) +0");
  }

  @Test
  void huntOnAUsersClusterStartsAndStopsNothing() throws Exception {
    try (ClusterTopology c = ClusterTopology.builder(ServerKind.REDIS_7_0).toxiproxy(SharedServers.toxiproxy()).start()) {
      List<Long> pids = c.nodes().stream().map(DataNode::pid).toList();
      String seeds = "redis-cluster://127.0.0.1:" + c.nodes().get(0).peerAddress().getPort() + ",127.0.0.1:"
          + c.nodes().get(4).peerAddress().getPort();
      CliIntegrationTests.Run r = CliIntegrationTests.run(Map.of(), "hunt", "--server", seeds, "--variant", "multi", "--client",
          "jedis-retry", "--keys", "32", "--ops", "2000", "-q");
      System.out.print(r.out());
      assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
      assertThat(r.out()).contains("server=redis-cluster (Redis 7.0.15, a cluster the harness does not start or stop")
          .containsPattern("ops +2,000").containsPattern("errors +0");
      assertThat(c.problem()).as("the user's cluster after the hunt").isEmpty();
      assertThat(c.nodes().stream().map(DataNode::pid).toList()).isEqualTo(pids);
      for (DataNode n : c.primaries()) {
        try (Jedis j = n.jedis()) {
          assertThat(j.keys("race:multi:*")).as("hunt keys left on %s", n.name()).isEmpty();
        }
      }
    }
  }

  /** The hunt's own API on a cluster: counts over the three primaries, TTL-less keys audited on each. */
  @Test
  void raceHuntRunsOnClusterCounters() {
    try (ClusterTopology c = ClusterTopology.builder(ServerKind.REDIS_6_2).toxiproxy(SharedServers.toxiproxy()).start();
        ClusterCounters counters = new ClusterCounters("cluster:6.2", BuiltInVariant.NAIVE, ClientMode.JEDIS, c.addresses(),
            ClusterClients.Refresh.STATIC, 1, Duration.ofSeconds(2))) {
      HuntSettings s = HuntSettings.of(BuiltInVariant.NAIVE, ClientMode.JEDIS, 1, 2, 20, null, 4000);
      HuntResult r = RaceHunt.run(counters, s, null);
      System.out.printf("naive on cluster:6.2: %,d ops, %,d TTL-less in-band, %,d audited%n", r.ops(), r.ttlLessInBand(), r.ttlLessAudited());
      assertThat(r.ops()).isEqualTo(4000);
      assertThat(r.errors()).isZero();
      assertThat(r.server()).isEqualTo("cluster:6.2");
      assertThat(counters.audit(s.keyPrefix()).keys()).as("keys left after the hunt").isZero();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "cluster:2.8 | Topology cluster needs Redis 5.0 or later (cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0), so it cannot run on 2.8 (Redis 2.8.19); use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "cluster:3.2.6 | Topology cluster needs Redis 5.0 or later (cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0), so it cannot run on 3.2.6; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "cluster:docker:redis:7.4 | Topology cluster starts its own processes from a shipped or installed binary, so it cannot run on docker:redis:7.4; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "redis-cluster:// | 'redis-cluster://' names no seed node; write a cluster as redis-cluster://host:port,host:port.",
      "redis-cluster://127.0.0.1:1 | No seed node of the cluster answers at [127.0.0.1:1]; start it or name other nodes."})
  void badClusterIdsAreOneSentence(String server, String expected) throws Exception {
    CliIntegrationTests.Run r = CliIntegrationTests.run(Map.of(), "hunt", "--server", server, "--ops", "10");
    assertThat(r.exit()).as("stderr: %s", r.err()).isEqualTo(2);
    assertThat(r.err().lines().filter(l -> !l.isBlank()).toList()).hasSize(1).first().asString().contains(expected);
  }
}
