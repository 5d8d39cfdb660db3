package io.redisrace.chaos.runner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrialRunnerTests {
  @Test
  void redisBitmapsCountFromTheMostSignificantBit() {
    // SETBIT k 0 1; SETBIT k 9 1 -> bytes 0x80 0x40
    assertThat(TrialRunner.redisBits(new byte[] {(byte) 0x80, 0x40}).stream().toArray()).containsExactly(0, 9);
    assertThat(TrialRunner.redisBits(null).isEmpty()).isTrue();
  }
}
