package io.redisrace.chaos;

import static io.redisrace.chaos.ChaosCliTests.assertOneSentence;
import static io.redisrace.chaos.ChaosCliTests.chaos;
import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
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
    assertOneSentence(chaos("run", "--topology", "sentinel", "--server", "2.8"), "Topology sentinel needs a shipped Redis binary of 5.0");
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "minority-primary", "--client", "jedis", "--topology", "sentinel",
        "--server", "system"), "cannot run on system");
  }

  @Test
  void topologyFaultsNeedTheSentinelTopology_serverFaultsOfOneServerAreRefusedOnIt() {
    assertOneSentence(chaos("trial", "--variant", "plain", "--fault", "minority-primary", "--client", "jedis"),
        "Fault minority-primary strikes a Sentinel topology; add --topology sentinel");
    assertOneSentence(chaos("run", "--faults", "server-pause", "--topology", "sentinel"),
        "Fault server-pause strikes the one redis-server of --topology single");
    assertOneSentence(chaos("run", "--min-replicas-to-write", "1"), "--min-replicas-to-write needs replicas; add --topology sentinel.");
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
    assertThat(ChaosOptions.sentinelDefaults()).first().matches(Fault::isNone);
  }
}
