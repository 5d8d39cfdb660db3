package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.server.Backend;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchPlanTests {

  @Test
  void theBuiltInPlanHasQuickAndFullAndTheQuickRaceHunt() {
    BenchPlan plan = BenchPlan.builtIn();
    assertThat(plan.modes()).containsExactly("quick", "full");
    assertThat(plan.cells("quick")).anyMatch(c -> c.variant().equals("multi") && c.server().equals("2.8") && c.ttlMs() == 1
        && c.threads() == 4 && c.keys() == 1);
    assertThat(plan.cells("quick")).anyMatch(c -> c.kind() == BenchPlan.Kind.SAMPLE);
  }

  @Test
  void cellsAServerCannotRunAreSkippedWithTheirReason() {
    BenchMatrix.Matrix m = BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*");
    assertThat(m.cells()).noneMatch(c -> c.variant().equals("multi-heal") && !List.of("7.0", "cluster:7.0").contains(c.server()));
    assertThat(m.cells()).anyMatch(c -> c.variant().equals("multi-heal") && c.server().equals("7.0"));
    assertThat(m.skipped()).anySatisfy(s -> {
      assertThat(s.cell()).contains("variant=multi-heal").contains("server=2.8");
      assertThat(s.reason()).contains("7.0 or newer required");
    });
  }

  @Test
  void embeddedReferenceCellsRunOnlyOnTheDockerBackendWithTheirOwnPingAndTheBackendInEveryFork() {
    BenchMatrix.Matrix embedded = BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*");
    assertThat(embedded.cells()).noneMatch(c -> c.server().startsWith("embedded:"));
    assertThat(embedded.skipped()).anySatisfy(s -> {
      assertThat(s.cell()).contains("server=embedded:2.8");
      assertThat(s.reason()).isEqualTo("a reference for the docker backend; on embedded it would repeat the cells on 2.8");
    });

    BenchMatrix.Matrix docker = BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*", Backend.DOCKER);
    for (String server : List.of("2.8", "6.2", "7.0")) {
      assertThat(docker.cells()).anyMatch(c -> c.server().equals("embedded:" + server) && c.variant().equals("lua"));
      // Every reference cell has its twin on the bare id, so the report can divide them.
      docker.cells().stream().filter(c -> c.server().equals("embedded:" + server)).forEach(ref -> assertThat(docker.cells())
          .anyMatch(c -> c.server().equals(server) && c.variant().equals(ref.variant()) && c.client().equals(ref.client())
              && c.ttlMs() == ref.ttlMs() && c.keys() == ref.keys() && c.threads() == ref.threads() && c.kind() == ref.kind()));
    }
    List<BenchMatrix.Group> groups = BenchMatrix.groups(docker.cells(), Backend.DOCKER);
    assertThat(groups).anyMatch(g -> g.ping() && g.server().equals("embedded:7.0"));
    // Each reference runs right after its twin's groups, before the next server.
    assertThat(groups.stream().map(BenchMatrix.Group::server).distinct().toList())
        .containsExactly("2.8", "embedded:2.8", "6.2", "embedded:6.2", "7.0", "embedded:7.0", "cluster:7.0");
    assertThat(groups).noneMatch(g -> g.server().startsWith("embedded:") && g.isOverheadReference());
    assertThat(BenchMatrix.forkFlags(Backend.DOCKER)).contains("-Xmx512m", "-Dharness.backend=docker");
  }

  @Test
  void includeIsARegexFoundInTheCellId() {
    BenchMatrix.Matrix m = BenchMatrix.matrix(BenchPlan.builtIn(), "quick", "variant=multi .*server=2.8 ");
    assertThat(m.cells()).isNotEmpty().allMatch(c -> c.variant().equals("multi") && c.server().equals("2.8"));
    assertThatThrownBy(() -> BenchMatrix.matrix(BenchPlan.builtIn(), "quick", "(")).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("-Dbench.include '(' is not a regular expression");
  }

  @Test
  void everyServerGetsItsCalibrationBeforeItsCounters() {
    List<BenchMatrix.Group> groups = BenchMatrix.groups(BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*").cells());
    String server = null;
    boolean counterSeen = false;
    for (BenchMatrix.Group g : groups) {
      if (!g.server().equals(server)) {
        server = g.server();
        counterSeen = false;
      }
      if (g.ping()) {
        assertThat(counterSeen).as("PING after counters on " + server).isFalse();
      } else {
        counterSeen = true;
        String s = server;
        assertThat(groups).anyMatch(p -> p.ping() && p.server().equals(s) && p.client().equals(g.client()) && p.threads() == g.threads());
      }
    }
  }

  @Test
  void badPlansGetOneSentence() {
    assertThatThrownBy(() -> BenchPlan.parse("quick thrpt multi jedis 2.8 20 1 1", "p")).hasMessage(
        "p line 1 has 8 columns; a plan line has 9: mode kind variants clients servers ttlMs keys threads iterations.");
    assertThatThrownBy(() -> BenchPlan.parse("quick thrpt multi jedis 2.8 20 1 1 3", "p")).hasMessageContaining("1x1s/3x2s");
    assertThatThrownBy(() -> BenchPlan.parse("quick thrpt nope jedis 2.8 20 1 1 1x1s/1x1s", "p")).hasMessageStartingWith("Unknown variant 'nope'");
    assertThatThrownBy(() -> BenchPlan.builtIn().cells("medium")).hasMessage("Unknown bench mode 'medium'; use one of quick, full.");
  }

  @Test
  void quickModeFitsItsBudget() {
    // Benchmark seconds plus a per-cell allowance; the measured wall time is in docs/benchmarks.md.
    List<BenchMatrix.Group> groups = BenchMatrix.groups(BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*").cells());
    // 221 s before the cluster cells (every variant on cluster:7.0 and on 7.0 with 100 keys) added about 100.
    assertThat(BenchRunner.estimateSeconds(groups)).isLessThan(330);
    List<BenchMatrix.Group> full = BenchMatrix.groups(BenchMatrix.matrix(BenchPlan.builtIn(), "full", ".*").cells());
    assertThat(BenchRunner.estimateSeconds(full)).isLessThan(1200);
  }

  @Test
  void everyVariantRunsOnTheClusterBesideTheSingleNodeOfItsVersionRightBeforeIt() {
    BenchMatrix.Matrix m = BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*");
    List<BenchPlan.Cell> cluster = m.cells().stream().filter(c -> c.server().equals("cluster:7.0")).toList();
    assertThat(cluster.stream().map(BenchPlan.Cell::variant)).containsExactlyInAnyOrderElementsOf(
        CounterVariants.all().stream().map(CounterVariant::id).toList());
    for (BenchPlan.Cell c : cluster) {
      assertThat(c.keys()).as("keys spread over slots").isGreaterThan(1);
      assertThat(m.cells()).as("the single-node twin of " + c.id()).contains(
          new BenchPlan.Cell(c.kind(), c.variant(), c.client(), "7.0", c.ttlMs(), c.keys(), c.threads(), c.iterations()));
    }
    assertThat(m.versions().get("cluster:7.0").toString()).isEqualTo("7.0.15");
    List<BenchMatrix.Group> groups = BenchMatrix.groups(m.cells());
    List<String> order = groups.stream().map(BenchMatrix.Group::server).distinct().toList();
    assertThat(order.indexOf("cluster:7.0")).as("cluster:7.0 right after 7.0 in " + order).isEqualTo(order.indexOf("7.0") + 1);
    assertThat(groups).anyMatch(g -> g.ping() && g.server().equals("cluster:7.0"));
    assertThat(groups).noneMatch(g -> g.server().startsWith("cluster:") && g.isOverheadReference());
  }

  @Test
  void aUsersClusterInThePlanIsOneServerWithAllItsSeeds() {
    assertThat(BenchPlan.servers("redis-cluster://10.0.0.5:7000,10.0.0.6:7000,7.0,cluster:7.0,sentinel:7.0"))
        .containsExactly("redis-cluster://10.0.0.5:7000,10.0.0.6:7000", "7.0", "cluster:7.0", "sentinel:7.0");
    BenchPlan p = BenchPlan.parse("mine thrpt lua jedis redis-cluster://a.example:7000,b.example:7001,7.0 20 100 1 1x1s/2x1s", "p");
    assertThat(p.cells("mine").stream().map(BenchPlan.Cell::server)).containsExactly("redis-cluster://a.example:7000,b.example:7001", "7.0");
  }
}
