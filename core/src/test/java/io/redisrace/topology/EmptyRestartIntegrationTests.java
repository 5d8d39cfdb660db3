package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * The empty restart: keys acknowledged by the primary and by both replicas ({@code WAIT 2}), the
 * primary SIGKILLed and restarted before Sentinel may fail over (down-after 10 s; the test checks
 * that no failover happened). With persistence {@code none} it comes back empty and both replicas
 * resync the empty data set: every key is gone from every node. With {@code aof-always} nothing is
 * lost.
 *
 * <p>The second test makes the primary a node that did a disk-based full sync holding data, then
 * restarts it the same way: {@code none} still wipes every node, because {@code none} sets
 * {@code rdb-del-sync-files yes}; the same run with {@code rdb-del-sync-files no} (Redis's default,
 * the harness before that setting) brings back the keys of that sync on every node.
 *
 * <p>Every case owns its topology and spends its time waiting on Sentinel (a 10-s down-after, INFO
 * every 10 s), so the five run side by side ({@code junit-platform.properties}): the class takes
 * about as long as its slowest case.
 */
class EmptyRestartIntegrationTests {
  private static final int KEYS = 100;
  private static final String RDB = "dump.rdb";

  /** Persistence, and whether the node keeps the RDB file of its last full sync. */
  enum Case {
    NONE(Persistence.NONE, Map.of()),
    NONE_KEEPING_SYNC_FILES(Persistence.NONE, Map.of("rdb-del-sync-files", "no")),
    AOF_ALWAYS(Persistence.AOF_ALWAYS, Map.of());

    final Persistence persistence;
    final Map<String, String> config;

    Case(Persistence persistence, Map<String, String> config) {
      this.persistence = persistence;
      this.config = config;
    }
  }

  @ParameterizedTest(name = "persistence {0}")
  @Execution(ExecutionMode.CONCURRENT)
  @EnumSource(value = Persistence.class, names = {"NONE", "AOF_ALWAYS"})
  void restartOfThePrimaryKeepsWhatItsPersistenceKept(Persistence persistence) {
    try (SentinelTopology t = SentinelTopology.builder(ServerKind.REDIS_7_0).persistence(persistence)
        .downAfter(Duration.ofSeconds(10)).toxiproxy(SharedServers.toxiproxy()).start()) {
      DataNode primary = t.primary();
      try (Jedis jedis = primary.jedis()) {
        for (int i = 0; i < KEYS; i++) {
          jedis.set("key-" + i, Integer.toString(i));
        }
        assertThat(jedis.waitReplicas(2, 5000)).as("both replicas acknowledged").isEqualTo(2);
      }
      t.replicas().forEach(r -> assertThat(dbsize(r)).as(r.name() + " before the kill").isEqualTo(KEYS));

      primary.kill();
      primary.restart(Duration.ofSeconds(15));
      assertThat(t.awaitHealthy(Duration.ofSeconds(30))).isEmpty();
      assertThat(t.primary()).as("no failover: the restarted node is still the primary").isSameAs(primary);

      long expected = persistence == Persistence.NONE ? 0 : KEYS;
      t.nodes().forEach(n -> assertThat(dbsize(n)).as(n.name() + " after the restart").isEqualTo(expected));
    }
  }

  /**
   * node-1 holds {@code before-*} (WAIT 2) and is SIGKILLed; node-2 is promoted; node-1, restarted
   * with nothing (persistence off) or its AOF, is made a replica by Sentinel and full-syncs from
   * node-2 (a fresh replication id cannot continue), receiving an RDB file that holds
   * {@code before-*}. The other nodes get {@code replica-priority 0} and {@code SENTINEL FAILOVER}
   * makes node-1 the primary again. It acknowledges {@code after-*} (WAIT 2) and is SIGKILLed and
   * restarted before Sentinel may fail over.
   */
  @ParameterizedTest(name = "{0}")
  @Execution(ExecutionMode.CONCURRENT)
  @EnumSource(Case.class)
  void restartOfAPrimaryThatDidAFullSync(Case c) throws Exception {
    SentinelTopology.Builder builder = SentinelTopology.builder(ServerKind.REDIS_7_0).persistence(c.persistence)
        .downAfter(Duration.ofSeconds(10)).toxiproxy(SharedServers.toxiproxy());
    c.config.forEach(builder::config);
    try (SentinelTopology t = builder.start()) {
      DataNode node1 = t.primary();
      write(node1, "before-");
      TopologyFault.Outcome failover = TopologyFaults.parse("primary-crash-failover").strike(t, () -> { });
      assertThat(failover.healed()).as(failover.toString()).isTrue();
      DataNode node2 = t.primary();
      assertThat(node2).as("a replica was promoted").isNotSameAs(node1);
      makePrimary(t, node1);
      if (c.persistence == Persistence.NONE) {
        assertThat(Files.exists(node1.dataDir().resolve(RDB)))
            .as("the RDB file of node-1's full sync is in its data directory")
            .isEqualTo(c == Case.NONE_KEEPING_SYNC_FILES);
      }

      write(node1, "after-");
      TopologyFault.Outcome restart = TopologyFaults.parse("primary-crash-restart").strike(t, () -> { });
      assertThat(restart.healed()).as(restart.toString()).isTrue();
      assertThat(t.primary()).as("no failover: the restarted node is still the primary").isSameAs(node1);

      int before = c == Case.NONE ? 0 : KEYS;
      int after = c.persistence == Persistence.AOF_ALWAYS ? KEYS : 0;
      for (DataNode n : t.nodes()) {
        try (Jedis j = n.jedis()) {
          assertThat(j.keys("before-*")).as(n.name() + ": keys of the full sync").hasSize(before);
          assertThat(j.keys("after-*")).as(n.name() + ": keys acknowledged before the kill").hasSize(after);
        }
      }
    }
  }

  /**
   * Every node but {@code node} gets {@code replica-priority 0}; once sentinel-1 (the one that fails
   * over) sees it on every replica, {@code forced-failover}, until {@code node} is the primary. A
   * failover refused or taken over on a busy machine (another Sentinel's failover in progress, a
   * replica's INFO too old) is tried again after the heal; 5 attempts at most.
   */
  private static void makePrimary(SentinelTopology t, DataNode node) {
    for (DataNode n : t.nodes()) {
      if (n != node) {
        try (Jedis j = n.jedis()) {
          j.configSet("replica-priority", "0");
        }
      }
    }
    List<String> attempts = new ArrayList<>();
    while (t.primary() != node) {
      assertThat(attempts).as("forced failovers that did not promote %s", node.name()).hasSizeLessThan(5);
      t.replicas().stream().filter(r -> r != node).forEach(r -> awaitPriorityZeroSeen(t, r));
      TopologyFault.Outcome o = TopologyFaults.parse("forced-failover").strike(t, () -> { });
      assertThat(o.healed()).as(o.toString()).isTrue();
      attempts.add(o.what() + " -> " + o.primaryAfter());
    }
  }

  private static void write(DataNode primary, String prefix) {
    try (Jedis jedis = primary.jedis()) {
      for (int i = 0; i < KEYS; i++) {
        jedis.set(prefix + i, Integer.toString(i));
      }
      assertThat(jedis.waitReplicas(2, 5000)).as("both replicas acknowledged " + prefix + "*").isEqualTo(2);
    }
  }

  /** Sentinel reads a replica's priority from its INFO, every 10 s: wait until sentinel-1 (the one that fails over) has it. */
  private static void awaitPriorityZeroSeen(SentinelTopology t, DataNode replica) {
    String port = Integer.toString(replica.peerAddress().getPort());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try (Jedis s = t.sentinels().get(0).jedis()) {
        boolean seen = s.sentinelReplicas(t.masterName()).stream()
            .anyMatch(r -> port.equals(r.get("port")) && "0".equals(r.get("slave-priority")));
        if (seen) {
          return;
        }
      }
      assertThat(System.nanoTime()).as("sentinel-1 saw replica-priority 0 of " + replica.name() + " within 30 s").isLessThan(deadline);
      SentinelTopology.pause(100);
    }
  }

  private static long dbsize(DataNode node) {
    try (Jedis jedis = node.jedis()) {
      return jedis.dbSize();
    }
  }
}
