package io.redisrace.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.HarnessException;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * The docker backend's servers have the embedded ones' API and leave nothing behind: each shipped
 * id runs its official image (docker/build-offline-images.sh builds them where none can be pulled),
 * a {@code docker:<image>} id runs that image, Toxiproxy runs in a ToxiproxyContainer, and
 * {@code close()} removes every container.
 *
 * <p>HOW TO RUN: {@code docker/ci-setup.sh && mvn -pl core verify -Pdocker -Dit.test='Docker*'}
 */
@EnabledIfSystemProperty(named = "harness.backend", matches = "docker", disabledReason = "docker backend only: mvn verify -Pdocker")
class DockerBackendIntegrationTests {

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "REDIS_6_2", "REDIS_7_0"})
  void eachShippedIdRunsItsOfficialImageWithTheSameApi(ServerKind kind) {
    RedisServer redis = RedisServer.builder(kind).withBackend(Backend.DOCKER).start();
    try (redis; Jedis jedis = new Jedis(redis.host(), redis.port())) {
      assertThat(redis.backend()).isEqualTo("docker");
      assertThat(redis.id()).isEqualTo(kind.id());
      assertThat(redis.version()).isEqualTo(kind.promisedVersion().orElseThrow());
      assertThat(redis.endpoint().port()).isEqualTo(redis.port());
      assertThat(redis.pid()).as("host pid of the container's redis-server").isPositive();
      assertThat(ProcessHandle.of(redis.pid())).isPresent();
      assertThat(jedis.ping()).isEqualTo("PONG");
      assertThat(jedis.configGet("save")).containsValue("");
      if (DockerEnvironment.networkMode() == DockerNetworkMode.HOST) {
        assertThat(redis.host()).isEqualTo("127.0.0.1");
        assertThat(jedis.configGet("bind")).containsValue("127.0.0.1");
      }
      assertThat(DockerEnvironment.sessionContainers()).hasSize(1);
    }
    assertThat(DockerEnvironment.sessionContainers()).as("close() removes the container").isEmpty();
    assertThat(DockerEnvironment.live()).isEmpty();
  }

  @Test
  void aDockerIdRunsThatImageWhateverTheBackend() {
    try (RedisServer redis = RedisServer.builder(ServerSpec.parse("docker:redis:7.0.15"))
        .withBackend(Backend.EMBEDDED).start()) {
      assertThat(redis.id()).isEqualTo("docker:redis:7.0.15");
      assertThat(redis.backend()).isEqualTo("docker");
      assertThat(redis.toString()).contains("docker:redis:7.0.15, docker");
    }
  }

  @Test
  void aMissingImageIsOneSentence() {
    assertThatThrownBy(() -> RedisServer.start("docker:redis:0.0.1"))
        .isInstanceOf(HarnessException.class)
        .hasMessage("Image redis:0.0.1 is not on this machine and cannot be pulled; pull it where a registry is reachable,"
            + " or build the offline images with docker/build-offline-images.sh.");
  }

  @Test
  void toxiproxyRunsInAToxiproxyContainerInFrontOfADockerRedis() throws Exception {
    try (RedisServer redis = RedisServer.builder(ServerKind.REDIS_7_0).withBackend(Backend.DOCKER).start();
        ToxiproxyServer toxiproxy = ToxiproxyServer.start(Backend.DOCKER);
        RedisProxy proxy = toxiproxy.proxy("docker-it", redis)) {
      assertThat(toxiproxy.source()).startsWith("docker ghcr.io/shopify/toxiproxy:2.12.0");
      try (Jedis jedis = new Jedis(proxy.host(), proxy.port())) {
        assertThat(jedis.ping()).isEqualTo("PONG");
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 100);
        long t0 = System.nanoTime();
        jedis.ping();
        assertThat((System.nanoTime() - t0) / 1_000_000).as("PING through a 100 ms latency toxic").isGreaterThanOrEqualTo(95);
        toxiproxy.reset();
      }
      assertThat(DockerEnvironment.sessionContainers()).hasSize(2);
    }
    assertThat(DockerEnvironment.sessionContainers()).isEmpty();
  }
}
