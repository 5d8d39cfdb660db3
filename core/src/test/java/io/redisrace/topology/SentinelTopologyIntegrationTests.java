package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import eu.rekawek.toxiproxy.Proxy;
import io.redisrace.process.ChildProcess;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import io.redisrace.toxi.ToxiproxyServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * The Sentinel topology starts from the shipped 6.2 and 7.0 binaries, becomes healthy (both
 * replicas online through the primary's peer proxy, the three Sentinels agreeing on the primary and
 * each seeing two replicas and two other Sentinels, all at proxy addresses), and stops with none of
 * its six processes, proxies or directories left.
 */
class SentinelTopologyIntegrationTests {

  @ParameterizedTest(name = "Redis {0}")
  @EnumSource(value = ServerKind.class, names = {"REDIS_6_2", "REDIS_7_0"})
  void startsHealthyAndStopsWithNothingLeft(ServerKind kind) throws Exception {
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    Set<ChildProcess> before = ChildProcess.live();
    List<Long> pids = new ArrayList<>();
    List<String> proxies = new ArrayList<>();
    try (SentinelTopology t = SentinelTopology.builder(kind).toxiproxy(toxiproxy).start()) {
      System.out.printf("sentinel topology %s healthy after %d ms%n", kind.id(), t.startup().toMillis());
      assertThat(t.problem()).isEmpty();
      assertThat(t.primary()).isSameAs(t.nodes().get(0));
      t.nodes().forEach(n -> {
        pids.add(n.pid());
        proxies.add(n.peerProxy().name());
        proxies.add(n.clientProxy().name());
      });
      t.sentinels().forEach(s -> {
        pids.add(s.pid());
        proxies.add(s.peerProxy().name());
        proxies.add(s.clientProxy().name());
      });
      try (Jedis sentinel = t.sentinels().get(1).jedis()) {
        // What Sentinel hands out is the peer proxy, not the node's own port.
        assertThat(sentinel.sentinelGetMasterAddrByName(t.masterName()))
            .containsExactly("127.0.0.1", Integer.toString(t.primary().peerAddress().getPort()));
        assertThat(sentinel.sentinelReplicas(t.masterName())).extracting(r -> Integer.parseInt(r.get("port")))
            .containsExactlyInAnyOrderElementsOf(t.replicas().stream().map(n -> n.peerAddress().getPort()).toList());
      }
      assertThat(pids).hasSize(6).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }
    assertThat(pids).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    assertThat(ChildProcess.live()).containsExactlyInAnyOrderElementsOf(before);
    try (Stream<String> left = toxiproxy.client().getProxies().stream().map(Proxy::getName)) {
      assertThat(left.toList()).doesNotContainAnyElementsOf(proxies);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "SYSTEM", "EXTERNAL"})
  void refusesAServerThatCannotRunIt(ServerKind kind) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SentinelTopology.builder(kind).downAfter(Duration.ofSeconds(1)).start())
        .hasMessage("Topology sentinel needs a shipped Redis binary of 5.0 or later, so it cannot run on " + kind.id()
            + "; use --server 6.2 or 7.0.");
  }
}
