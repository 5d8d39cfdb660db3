package io.redisrace.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.redisrace.counter.BuiltInVariant;
import io.redisrace.server.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension on real servers: a hunt's assertions on built-in variants, injected servers shared
 * by a class's tests, and every server stopped once the class is done (run through the JUnit
 * Platform launcher, then checked from outside).
 */
@RedisRaceTest
class RedisRaceExtensionIntegrationTests {

  @Test
  void aSafeVariantPassesAndAnUnsafeOneFailsWithItsKeysAndReplayCommand(RaceHunter hunter) {
    hunter.hunt(BuiltInVariant.LUA).on("2.8").duration(Duration.ofSeconds(1)).run().assertNoTtlLessKeys();

    HuntReport naive = hunter.hunt(BuiltInVariant.NAIVE).on("7.0").duration(Duration.ofSeconds(5)).stopAfterTtlLess(1).run();
    assertThat(naive.ttlLess()).isPositive();
    naive.assertTtlLessKeysOnEveryServer();
    assertThatThrownBy(naive::assertNoTtlLessKeys)
        .isInstanceOf(AssertionError.class)
        .hasMessageStartingWith("Counter variant 'naive' left TTL-less keys (or ran no operation):\n  Redis 7.0.15 (7.0): ")
        .hasMessageContaining("; keys race:naive:0")
        .hasMessageContaining("replay: java -jar core/target/redis-race.jar hunt --server 7.0 --variant naive --client jedis"
            + " --ttl-ms 1 --threads 4 --keys 1 --duration 5s --stop-after 1");
  }

  /** Run by the launcher only (a nested class is not a test class of its own for surefire or failsafe). */
  @RedisRaceTest
  static class TwoTestsOneServer {
    static final List<RedisServer> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void first(@Redis("7.0") RedisServer redis) {
      SEEN.add(redis);
    }

    @Test
    void second(@Redis("7.0") RedisServer redis, RaceHunter hunter) {
      SEEN.add(redis);
      hunter.hunt(BuiltInVariant.LUA).on("7.0").ops(1000).run().assertNoTtlLessKeys();
    }
  }

  @Test
  void theTestsOfAClassShareItsServersAndTheExtensionStopsThemAfterTheClass() {
    TwoTestsOneServer.SEEN.clear();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(TwoTestsOneServer.class)).build(), listener);
    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsSucceededCount()).as("%s", summary.getFailures()).isEqualTo(2);
    List<RedisServer> seen = TwoTestsOneServer.SEEN;
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1)).isSameAs(seen.get(0));
    long pid = seen.get(0).pid();
    assertThat(pid).isPositive();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
        .as("redis-server %d is stopped once the class is done", pid).isFalse();
  }
}
