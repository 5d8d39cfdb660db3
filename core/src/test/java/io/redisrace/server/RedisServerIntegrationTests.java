package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.process.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

class RedisServerIntegrationTests {

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "REDIS_6_2", "REDIS_7_0"})
  void startsTheVersionItsIdPromisesOnLoopbackAndStopsOnClose(ServerKind kind) {
    long pid;
    int port;
    try (RedisServer redis = RedisServer.start(kind)) {
      pid = redis.pid();
      port = redis.port();
      assertThat(redis.host()).isEqualTo("127.0.0.1");
      assertThat(redis.version()).isEqualTo(kind.promisedVersion().orElseThrow());
      try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
        String info = jedis.info("server");
        assertThat(info).contains("redis_version:" + kind.promisedVersion().orElseThrow());
        assertThat(jedis.configGet("bind")).containsEntry("bind", "127.0.0.1");
        assertThat(jedis.configGet("save")).containsEntry("save", "");
      }
      assertThat(ProcessHandle.of(pid)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
    }
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("redis-server pid %d after close", pid).isFalse();
    assertThat(Ports.accepts("127.0.0.1", port, 200)).as("port %d after close", port).isFalse();
  }

  @Test
  void externalServerIsUsedNotStarted() {
    try (RedisServer managed = RedisServer.start(ServerKind.REDIS_7_0);
        RedisServer external = RedisServer.start("redis://127.0.0.1:" + managed.port())) {
      assertThat(external.managed()).isFalse();
      assertThat(external.id()).isEqualTo("external");
      assertThat(external.version()).isEqualTo(managed.version());
      external.close();
      assertThat(ProcessHandle.of(managed.pid()).map(ProcessHandle::isAlive).orElse(false)).isTrue();
    }
  }

  @Test
  void unreachableExternalServerIsOneSentence() {
    int closed = Ports.freePort();
    assertThatThrownBy(() -> RedisServer.start("redis://127.0.0.1:" + closed))
        .isInstanceOf(HarnessException.class)
        .hasMessage("Cannot reach the external Redis server at redis://127.0.0.1:" + closed + "; start it or pass another --server.");
  }

  @Test
  void extraConfigIsPassedToTheServer() {
    try (RedisServer redis = RedisServer.builder(ServerKind.REDIS_2_8).withConfig("maxclients", "123").start();
        Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
      assertThat(jedis.configGet("maxclients")).containsEntry("maxclients", "123");
    }
  }
}
