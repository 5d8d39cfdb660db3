package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code run --shard}: a bad value, or a shard of a hunt, is one sentence and exit 2, before any server starts. */
class ChaosShardCliTests {
  private static String[] run(int expectedCode, String... args) {
    StringWriter err = new StringWriter();
    int code = ChaosCli.execute(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    assertThat(code).as(err.toString()).isEqualTo(expectedCode);
    return err.toString().strip().split("\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/3", "4/3", "x"})
  void aBadShardIsOneSentence(String value) {
    String[] lines = run(2, "run", "--shard", value);
    assertThat(lines).hasSize(1);
    assertThat(lines[0]).contains("--shard").contains("k/n").doesNotContain("Exception");
  }

  @Test
  void aHuntIsNotSharded() {
    String[] lines = run(2, "run", "--hunt", "plain", "--shard", "1/2");
    assertThat(lines).hasSize(1);
    assertThat(lines[0]).contains("--shard splits the matrix, not a hunt");
  }
}
