package io.redisrace.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.CounterVariant;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same variants race on the same versions whether the server is the embedded binary or its
 * image: each unsafe (variant, version) pair of RaceHuntIntegrationTests shows a TTL-less key on
 * both backends, one after the other, with the same settings and bound. (Where MULTI must NOT race,
 * 6.2 and 7.0, the deterministic ExecExpiryTriggerIntegrationTests decides, on both backends too.)
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Pdocker -Dit.test=DockerRaceParityIntegrationTests}
 */
@EnabledIfSystemProperty(named = "harness.backend", matches = "docker", disabledReason = "docker backend only: mvn verify -Pdocker")
class DockerRaceParityIntegrationTests {
  static final Duration BOUND = Duration.ofSeconds(30);

  static Stream<Arguments> races() {
    return Stream.of(
        Arguments.of(ServerKind.REDIS_2_8, BuiltInVariant.NAIVE),
        Arguments.of(ServerKind.REDIS_6_2, BuiltInVariant.NAIVE),
        Arguments.of(ServerKind.REDIS_7_0, BuiltInVariant.NAIVE),
        Arguments.of(ServerKind.REDIS_2_8, BuiltInVariant.MULTI));
  }

  @ParameterizedTest(name = "{1} races on {0}, embedded and docker")
  @MethodSource("races")
  void unsafeVariantRacesOnBothBackends(ServerKind kind, CounterVariant variant) {
    for (Backend backend : new Backend[] {Backend.EMBEDDED, Backend.DOCKER}) {
      try (RedisServer redis = RedisServer.builder(kind).withBackend(backend).start()) {
        assertThat(redis.backend()).isEqualTo(backend.id());
        HuntResult r = RaceHunt.run(redis.endpoint(),
            HuntSettings.of(variant, ClientMode.JEDIS, 1, 4, 1, BOUND, 2_000_000).stopAfterTtlLess(1), null);
        assertThat(r.errors()).isZero();
        assertThat(r.ttlLess()).as("%s on %s (%s) within %s: %,d ops", variant.id(), kind.id(), backend.id(), BOUND, r.ops())
            .isPositive();
      }
    }
  }
}
