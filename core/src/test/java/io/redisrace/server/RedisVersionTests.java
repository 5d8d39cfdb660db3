package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import org.junit.jupiter.api.Test;

class RedisVersionTests {

  @Test
  void parsesAndOrders() {
    assertThat(RedisVersion.parse("2.8.19")).isEqualTo(new RedisVersion(2, 8, 19));
    assertThat(RedisVersion.parse("7.0")).isEqualTo(new RedisVersion(7, 0, 0));
    assertThat(RedisVersion.parse("6.2.11")).isGreaterThan(RedisVersion.parse("6.2.5"));
    assertThat(RedisVersion.parse("2.8.19")).isLessThan(RedisVersion.parse("6.0.0"));
  }

  @Test
  void knowsWhereKeysExpireInsideExec() {
    assertThat(RedisVersion.parse("2.8.19").expiresInsideExec()).isTrue();
    assertThat(RedisVersion.parse("6.0.14").expiresInsideExec()).isTrue();
    assertThat(RedisVersion.parse("6.0.15").expiresInsideExec()).isFalse();
    assertThat(RedisVersion.parse("6.2.4").expiresInsideExec()).isTrue();
    assertThat(RedisVersion.parse("6.2.5").expiresInsideExec()).isFalse();
    assertThat(RedisVersion.parse("7.0.15").expiresInsideExec()).isFalse();
  }

  @Test
  void rejectsGarbageWithASentence() {
    assertThatThrownBy(() -> RedisVersion.parse("latest")).isInstanceOf(HarnessException.class).hasMessageContaining("7.0.15");
  }
}
