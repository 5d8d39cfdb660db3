package io.redisrace.chaos;

import static io.redisrace.chaos.ChaosCliTests.assertOneSentence;
import static io.redisrace.chaos.ChaosCliTests.chaos;
import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.TopologySettings;
import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.chaos.workload.Workload;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import io.redisrace.topology.TopologyFaults;
import org.junit.jupiter.api.Test;

/** {@code --topology}, {@code --persistence} and the topology faults on {@code run} and {@code trial}: bad input is one sentence, exit 2. */
class TopologyFlagsTests {

  @Test
  void unknownTopologyOrPersistence() {
    assertOneSentence(chaos("run", "--topology", "cluster-of-one"), "Unknown topology 'cluster-of-one'", "sentinel");
    assertOneSentence(chaos("trial", "--variant", "fenced", "--fault", "none", "--client", "jedis", "--topology", "ring"),
        "Unknown topology 'ring'");
    assertOneSentence(chaos("run", "--topology", "sentinel", "--persistence", "rdb-hourly"), "Unknown persistence mode 'rdb-hourly'",
        "aof-always");
  }

  @Test
  void aServerThatCannotRunSentinel() {
    assertOneSentence(chaos("run", "--topology", "sentinel", "--server", "2.8"), "Topology sentinel needs Redis 5.0 or later");
    assertOneSentence(chaos("run", "--server", "sentinel:2.8"), "Topology sentinel needs Redis 5.0 or later");
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "minority-primary", "--client", "jedis", "--topology", "sentinel",
        "--server", "system"), "cannot run on system");
  }

  @Test
  void topologyFaultsNeedTheSentinelTopology_serverFaultsOfOneServerAreRefusedOnIt() {
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "minority-primary", "--client", "jedis"),
        "Fault minority-primary strikes a Sentinel topology; add --topology sentinel");
    assertOneSentence(chaos("run", "--faults", "server-pause", "--topology", "sentinel"),
        "Fault server-pause strikes the one redis-server of --topology single");
    assertOneSentence(chaos("run", "--min-replicas-to-write", "1"), "--min-replicas-to-write is a setting of the Sentinel topology's primary");
    assertOneSentence(chaos("run", "--topology", "cluster", "--min-replicas-to-write", "1"), "add --topology sentinel.");
    assertOneSentence(chaos("run", "--topology", "sentinel", "--min-replicas-to-write", "3"), "--min-replicas-to-write must be 0, 1 or 2");
  }

  @Test
  void copiesOfTheDeploymentAreARunSetting() {
    assertOneSentence(chaos("run", "--topology", "sentinel", "--copies", "5"), "--copies must be between 1 and 4, not 5.");
    assertOneSentence(chaos("run", "--copies", "0"), "--copies must be between 1 and 4, not 0.");
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "none", "--client", "jedis", "--copies", "2"),
        "--copies applies to run; a trial runs on one deployment.");
  }

  /** One chaos fault per registered topology fault, by the same id, after the faults of one server; single's list is unchanged. */
  @Test
  void everyTopologyFaultIsAChaosFault() {
    assertThat(Faults.topologyFaults()).extracting(Fault::id)
        .containsExactlyElementsOf(TopologyFaults.all().stream().map(f -> f.id()).toList());
    assertThat(Faults.forTopology(Topology.SINGLE)).isEqualTo(Faults.all());
    assertThat(Faults.forTopology(Topology.SENTINEL)).containsAll(Faults.all()).containsAll(Faults.topologyFaults());
    assertThat(Faults.topologyFaults()).allMatch(Fault::exclusive);
    assertThat(ChaosOptions.topologyDefaults(Topology.SENTINEL)).first().matches(Fault::isNone);
  }

  /** The same for the cluster: one chaos fault per registered cluster fault; each needs --topology cluster, and a Sentinel fault is refused there. */
  @Test
  void everyClusterFaultIsAChaosFaultOfTheClusterOnly() {
    assertThat(Faults.topologyFaults(Topology.CLUSTER)).extracting(Fault::id)
        .containsExactlyElementsOf(TopologyFaults.cluster().stream().map(f -> f.id()).toList());
    assertThat(Faults.forTopology(Topology.CLUSTER)).containsAll(Faults.all()).containsAll(Faults.topologyFaults(Topology.CLUSTER))
        .doesNotContainAnyElementsOf(Faults.topologyFaults());
    assertThat(Faults.topologyFaults(Topology.CLUSTER)).allMatch(Fault::exclusive);
    assertThat(ChaosOptions.topologyDefaults(Topology.CLUSTER)).first().matches(Fault::isNone);
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "cluster-isolate-primary", "--client", "jedis"),
        "Fault cluster-isolate-primary strikes a cluster; add --topology cluster");
    assertOneSentence(chaos("run", "--topology", "cluster", "--faults", "minority-primary"),
        "Fault minority-primary strikes a Sentinel topology; add --topology sentinel");
    assertOneSentence(chaos("run", "--topology", "cluster", "--faults", "server-pause"),
        "Fault server-pause strikes the one redis-server of --topology single; on cluster use its topology faults.");
    assertOneSentence(chaos("run", "--topology", "cluster", "--server", "2.8"), "Topology cluster needs Redis 5.0 or later");
  }

  /** {@code --server cluster:7.0} is {@code --topology cluster --server 7.0}, as in the bench plan and the hunt; a clash is one sentence. */
  @Test
  void aServerPrefixNamesTheTopology() {
    assertThat(ServerFlag.of("cluster:7.0", null)).isEqualTo(new ServerFlag("7.0", "cluster"));
    assertThat(ServerFlag.of("sentinel:6.2", "sentinel")).isEqualTo(new ServerFlag("6.2", "sentinel"));
    assertThat(ServerFlag.of("7.0", null)).isEqualTo(new ServerFlag("7.0", "single"));
    assertThat(ServerFlag.of(null, "cluster")).isEqualTo(new ServerFlag(null, "cluster"));
    assertOneSentence(chaos("run", "--server", "cluster:7.0", "--topology", "sentinel"),
        "--server cluster:7.0 names the cluster topology, so it cannot go with --topology sentinel.");
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "minority-primary", "--client", "jedis", "--server", "cluster:7.0"),
        "Fault minority-primary strikes a Sentinel topology");
  }

  /** A user's own cluster is never struck: a fault that needs its processes is refused by name, and chaos on it is not run yet. */
  @Test
  void aUsersOwnClusterRefusesFaultsThatOwnProcesses() {
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "cluster-kill-primary", "--client", "jedis", "--topology", "cluster",
        "--server", "redis-cluster://127.0.0.1:7000,127.0.0.1:7001"), "Fault cluster-kill-primary needs to own the cluster's processes");
    assertOneSentence(chaos("run", "--faults", "server-pause", "--server", "redis-cluster://127.0.0.1:7000"),
        "Fault server-pause needs to own the cluster's processes");
    assertOneSentence(chaos("run", "--faults", "none", "--server", "redis-cluster://127.0.0.1:7000"),
        "Chaos trials on your own cluster (redis-cluster://127.0.0.1:7000) are not run yet");
  }

  /**
   * {@code --topology-refresh} is the loaders' cluster clients' setting: refused elsewhere and when
   * unknown, in the replay flags when adaptive, and on a Lettuce loader's command line.
   */
  @Test
  void topologyRefreshIsASettingOfTheClusterLoaders() {
    assertOneSentence(chaos("run", "--topology-refresh", "adaptive"),
        "--topology-refresh adaptive is a setting of the loaders' cluster clients; add --topology cluster.");
    assertOneSentence(chaos("run", "--topology", "cluster", "--topology-refresh", "sometimes"), "Unknown topology refresh 'sometimes'");
    TopologySettings adaptive = new TopologySettings(Topology.CLUSTER, Persistence.NONE, 0, 1, ClusterClients.Refresh.ADAPTIVE);
    assertThat(adaptive.flags()).endsWith(" --topology-refresh adaptive");
    assertThat(new TopologySettings(Topology.CLUSTER, Persistence.NONE, 0).flags()).doesNotContain("--topology-refresh");

    ClusterAddresses cluster = ClusterAddresses.parse("127.0.0.1:7000", "127.0.0.1:7000=127.0.0.1:8000");
    LoaderSpec spec = new LoaderSpec("127.0.0.1", 7000, LoaderVariants.parse("fenced"), ClientMode.LETTUCE, new Workload("jdbc:sqlite:x", "rows", 10, 5),
        "{t}:1", 0, 1000).via(cluster);
    assertThat(spec.args("a", null)).doesNotContain("--topology-refresh");
    assertThat(spec.refreshing(ClusterClients.Refresh.ADAPTIVE).args("a", null)).containsSubsequence("--topology-refresh", "adaptive");
    assertThat(spec.refreshing(ClusterClients.Refresh.ADAPTIVE).settings().refresh()).isEqualTo(ClusterClients.Refresh.ADAPTIVE);
  }
}
