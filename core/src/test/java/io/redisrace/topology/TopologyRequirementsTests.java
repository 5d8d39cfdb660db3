package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerManifest;
import io.redisrace.server.ServerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a server must be for the Sentinel and cluster topologies, checked before any process starts,
 * and the directives a version lacks, which its nodes start without.
 */
class TopologyRequirementsTests {
  private static final String USE = "; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.";

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', value = {
      "cluster | 3.2.6 | Topology cluster needs Redis 5.0 or later (cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0), so it cannot run on 3.2.6",
      "cluster | 2.8 | Topology cluster needs Redis 5.0 or later (cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0), so it cannot run on 2.8 (Redis 2.8.19)",
      "sentinel | 2.8.17 | Topology sentinel needs Redis 5.0 or later (REPLICAOF, SENTINEL REPLICAS and replica-announce-ip/port are 5.0), so it cannot run on 2.8.17",
      "sentinel | docker:redis:7.4 | Topology sentinel starts its own processes from a shipped or installed binary, so it cannot run on docker:redis:7.4",
      "cluster | redis://127.0.0.1:6379 | Topology cluster starts its own processes from a shipped or installed binary, so it cannot run on redis://127.0.0.1:6379",
      "cluster | system | Topology cluster starts its own processes from a shipped or installed binary, so it cannot run on system"})
  void aServerThatCannotRunATopologyIsRefusedWithOneSentence(String topology, String server, String expected) {
    // Too old is refused whether or not the version is installed: its manifest entry says its version.
    assertThatThrownBy(() -> Topology.parse(topology).requireRunnableOn(ServerSpec.parse(server))).hasMessage(expected + USE);
  }

  @Test
  void aVersionOfTheManifestThatIsNotInstalledNamesTheInstallCommand() {
    ServerManifest.Entry absent = ServerManifest.parse(
        "9.9.9 | 7.2.4 | pip:redis-none==9.9.9 | bin/redis-server | " + "0".repeat(64) + " | -", "test").entries().get(0);
    assertThatThrownBy(() -> Topology.CLUSTER.requireRunnableOn(ServerSpec.of(absent)))
        .hasMessage("Server 9.9.9 is not installed; run redis-race servers --install 9.9.9 first.");
    assertThatThrownBy(() -> SentinelTopology.builder(ServerSpec.of(absent)).start())
        .hasMessage("Server 9.9.9 is not installed; run redis-race servers --install 9.9.9 first.");
  }

  @Test
  void shippedKindsStillPass() {
    assertThatCode(() -> Topology.CLUSTER.requireRunnableOn(ServerSpec.parse("7.0"))).doesNotThrowAnyException();
    assertThatCode(() -> Topology.SENTINEL.requireRunnableOn(ServerSpec.parse("embedded:6.2").unpinned())).doesNotThrowAnyException();
    assertThatCode(() -> Topology.SINGLE.requireRunnableOn(ServerSpec.parse("2.8"))).doesNotThrowAnyException();
    // The ServerKind form callers of shipped kinds use keeps its sentence.
    assertThatThrownBy(() -> Topology.SENTINEL.requireRunnableOn(ServerKind.REDIS_2_8))
        .hasMessage("Topology sentinel needs a shipped Redis binary of 5.0 or later, so it cannot run on 2.8; use --server 6.2 or 7.0.");
  }

  @Test
  void nodesOfAVersionStartWithoutTheDirectivesItLacks() {
    Map<String, String> conf = new LinkedHashMap<>(Persistence.NONE.config());
    conf.put("enable-debug-command", "yes");
    conf.put("cluster-replica-validity-factor", "0");
    conf.put("repl-diskless-sync-delay", "0");
    assertThat(Directives.supported(conf, RedisVersion.parse("5.0.9")).keySet())
        .containsExactly("save", "appendonly", "cluster-replica-validity-factor", "repl-diskless-sync-delay");
    assertThat(Directives.supported(conf, RedisVersion.parse("6.0.5")).keySet())
        .containsExactly("save", "appendonly", "rdb-del-sync-files", "cluster-replica-validity-factor", "repl-diskless-sync-delay");
    assertThat(Directives.supported(conf, RedisVersion.parse("7.2.4"))).isEqualTo(conf);
  }

  @Test
  void messagesNameTheProduct() {
    assertThat(Topology.describe(ServerSpec.parse("7.0"))).isEqualTo("Redis 7.0");
    assertThat(Topology.describe(ServerSpec.parse("7.0.15"))).isEqualTo("Redis 7.0");
    assertThat(Topology.describe(ServerSpec.parse("7.2.4"))).isEqualTo("Redis 7.2.4");
    assertThat(Topology.describe(ServerSpec.parse("valkey-9.1.2"))).isEqualTo("Valkey 9.1.2");
  }
}
