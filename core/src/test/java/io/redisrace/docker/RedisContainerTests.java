package io.redisrace.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisContainerTests {

  @Test
  void valkeyImagesRunValkeyServer() {
    assertThat(RedisContainer.serverCommand("valkey/valkey:8.0")).isEqualTo("valkey-server");
    assertThat(RedisContainer.serverCommand("redis:7.0.15")).isEqualTo("redis-server");
    assertThat(RedisContainer.serverCommand("localhost:5000/redis:7.4")).isEqualTo("redis-server");
  }

  @Test
  void protectedModeIsSwitchedOffOnlyWhereItExists() {
    assertThat(RedisContainer.knowsProtectedMode("redis:2.8.19")).isFalse();
    assertThat(RedisContainer.knowsProtectedMode("redis:3.0.7")).isFalse();
    assertThat(RedisContainer.knowsProtectedMode("redis:3.2.0")).isTrue();
    assertThat(RedisContainer.knowsProtectedMode("redis:7.4")).isTrue();
    assertThat(RedisContainer.knowsProtectedMode("valkey/valkey:8.0")).isTrue();
    assertThat(RedisContainer.knowsProtectedMode("redis:bookworm")).isTrue();
  }
}
