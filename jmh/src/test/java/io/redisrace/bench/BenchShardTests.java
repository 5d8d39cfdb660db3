package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.command.HarnessCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code BenchRunner --shard} ({@code -Dbench.shard}): a bad value is one sentence and exit 2, before anything runs. */
class BenchShardTests {
  @ParameterizedTest
  @ValueSource(strings = {"0/3", "4/3", "x"})
  void aBadShardIsOneSentence(String value) {
    StringWriter err = new StringWriter();
    int code = HarnessCommandLine.execute(new BenchRunner(), new String[] {"--shard=" + value}, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true));
    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip()).contains("--shard").contains("k/n").doesNotContain("Exception").hasLineCount(1);
  }
}
