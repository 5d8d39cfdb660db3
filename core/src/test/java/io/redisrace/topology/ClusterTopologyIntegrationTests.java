package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import io.redisrace.process.ChildProcess;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * Redis Cluster starts from the shipped 6.2 and 7.0 binaries and becomes healthy (cluster_state:ok
 * on all six nodes, all slots served, each primary's replica online, every address a node announces
 * a proxy), and stops with none of its processes, proxies or directories left, also when the test
 * fails inside it.
 */
class ClusterTopologyIntegrationTests {

  @ParameterizedTest(name = "Redis {0}")
  @EnumSource(value = ServerKind.class, names = {"REDIS_6_2", "REDIS_7_0"})
  void startsHealthyAndStopsWithNothingLeft(ServerKind kind) throws Exception {
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    Set<ChildProcess> before = ChildProcess.live();
    List<Long> pids = new ArrayList<>();
    List<String> proxies = new ArrayList<>();
    try (ClusterTopology c = ClusterTopology.builder(kind).toxiproxy(toxiproxy).start()) {
      System.out.printf("cluster %s healthy after %d ms%n", kind.id(), c.startup().toMillis());
      assertThat(c.problem()).isEmpty();
      assertThat(c.primaries()).containsExactlyElementsOf(c.nodes().subList(0, 3));
      assertThat(c.replicaOf(c.nodes().get(1))).contains(c.nodes().get(4));
      assertThat(c.primaryOf(0)).isSameAs(c.nodes().get(0));
      assertThat(c.primaryOf(16383)).isSameAs(c.nodes().get(2));
      c.nodes().forEach(n -> {
        pids.add(n.pid());
        proxies.add(n.peerProxy().name());
        proxies.add(n.clientProxy().name());
        proxies.add(n.busProxy().orElseThrow().name());
      });
      try (Jedis j = c.nodes().get(3).jedis()) {
        // What the cluster hands out is each node's peer proxy, not its own port.
        assertThat(j.clusterNodes()).contains("127.0.0.1:" + c.nodes().get(0).peerAddress().getPort() + "@"
            + c.nodes().get(0).busProxy().orElseThrow().port());
      }
      assertThat(pids).hasSize(6).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
    assertGone(pids, before, toxiproxy, proxies);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "SYSTEM", "EXTERNAL"})
  void refusesAServerThatCannotRunIt(ServerKind kind) {
    assertThatThrownBy(() -> ClusterTopology.builder(kind).start())
        .hasMessage("Topology cluster needs a shipped Redis binary of 5.0 or later, so it cannot run on " + kind.id()
            + "; use --server 6.2 or 7.0.");
  }

  /** A test that fails inside the try block leaves nothing behind either. */
  @ParameterizedTest(name = "Redis {0}")
  @EnumSource(value = ServerKind.class, names = {"REDIS_7_0"})
  void aFailingTestLeavesNothingBehind(ServerKind kind) throws Exception {
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    Set<ChildProcess> before = ChildProcess.live();
    List<Long> pids = new ArrayList<>();
    List<String> proxies = new ArrayList<>();
    assertThatThrownBy(() -> {
      try (ClusterTopology c = ClusterTopology.builder(kind).toxiproxy(toxiproxy).start()) {
        c.nodes().forEach(n -> {
          pids.add(n.pid());
          proxies.add(n.peerProxy().name());
        });
        assertThat(c.nodes()).as("a planted failure").isEmpty();
      }
    }).isInstanceOf(AssertionError.class).hasMessageContaining("a planted failure");
    assertGone(pids, before, toxiproxy, proxies);
  }

  private static void assertGone(List<Long> pids, Set<ChildProcess> before, ToxiproxyServer toxiproxy, List<String> proxies)
      throws Exception {
    assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(ChildProcess.live()).containsExactlyInAnyOrderElementsOf(before);
    assertThat(toxiproxy.client().getProxies().stream().map(Proxy::getName).toList()).doesNotContainAnyElementsOf(proxies);
  }
}
