package io.redisrace.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFaults;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Counters under failover, both sides, over the same work: the {@code lua} counter (safe against
 * expiry on every version) on a Sentinel topology of Redis 6.2, the primary SIGKILLed and
 * restarted once {@value #EVERY} operations were acknowledged, before Sentinel may fail over
 * (down-after 10 s; the test checks that it did not). With persistence {@code none} the primary
 * comes back empty and the replicas sync the empty data set: every increment acknowledged before
 * the kill is lost, so the count is at least those minus the few in flight. With
 * {@code aof-always} every acknowledged increment was on disk before its reply: none is lost. No
 * timing decides either side: the strike waits for acknowledged operations, the heal for health.
 */
class FailoverHuntIntegrationTests {
  private static final int EVERY = 500;
  private static final int THREADS = 2;

  private static FailoverResult crashRestart(Persistence persistence) {
    try (SentinelTopology t = SentinelTopology.builder(ServerKind.REDIS_6_2).persistence(persistence)
        .downAfter(Duration.ofSeconds(10)).toxiproxy(SharedServers.toxiproxy()).start()) {
      HuntSettings s = HuntSettings.of(BuiltInVariant.LUA, ClientMode.JEDIS, FailoverHunt.DEFAULT_TTL.toMillis(), THREADS, 20,
          Duration.ofMillis(200), 0);
      FailoverResult r = FailoverHunt.run(t, persistence.id(), s,
          new StrikePlan(TopologyFaults.parse("primary-crash-restart"), 1, EVERY, Duration.ZERO), null);
      System.out.printf("lua, primary-crash-restart, persistence %s: %s%n", persistence.id(), String.join("; ", FailoverHunt.describe(r)));
      assertThat(r.healed()).as("healed").isTrue();
      assertThat(r.failedOver()).as("no failover: the restarted node is still the primary").isFalse();
      assertThat(r.exact()).as("no key could expire on its own").isTrue();
      assertThat(r.acknowledged()).isGreaterThanOrEqualTo(2L * EVERY);
      assertThat(r.ttlLessKeys()).as("TTL-less keys (lua)").isZero();
      return r;
    }
  }

  @Test
  void anEmptyRestartLosesTheAcknowledgedIncrementsAndAofAlwaysLosesNone() {
    FailoverResult none = crashRestart(Persistence.NONE);
    assertThat(none.lostIncrements()).as("lost increments, persistence none").isGreaterThanOrEqualTo(EVERY - THREADS);
    assertThat(none.keysLost()).as("keys that lost increments, persistence none").isPositive();

    FailoverResult always = crashRestart(Persistence.AOF_ALWAYS);
    assertThat(always.lostIncrements()).as("lost increments, persistence aof-always").isZero();
    assertThat(always.keysLost()).isZero();
  }
}
