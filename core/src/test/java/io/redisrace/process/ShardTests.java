package io.redisrace.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.cli.RedisRaceCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShardTests {
  @Test
  void theNShardsHoldEveryItemExactlyOnceInItsOrder() {
    List<Integer> items = IntStream.range(0, 11).boxed().toList();
    List<Integer> union = new ArrayList<>();
    for (int k = 1; k <= 3; k++) {
      List<Integer> mine = new Shard(k, 3).of(items);
      assertThat(mine).isSorted();
      union.addAll(mine);
    }
    assertThat(union).containsExactlyInAnyOrderElementsOf(items);
    assertThat(Shard.parse("2/3").of(items)).containsExactly(1, 4, 7, 10);
    assertThat(Shard.ALL.of(items)).isEqualTo(items);
    assertThat(Shard.parse(" 2/3 ")).hasToString("2/3");
    assertThat(Shard.parse("2/3").suffix()).isEqualTo("-shard-2-of-3");
    assertThat(Shard.ALL.suffix()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/3", "4/3", "x", "1/0", "-1/3", "1/3/2", ""})
  void aBadShardIsOneSentence(String value) {
    assertThatThrownBy(() -> Shard.parse(value)).isInstanceOf(HarnessException.class).hasMessageContaining("k/n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/3", "4/3", "x"})
  void theAtlasRefusesABadShardWithOneSentenceAndExit2(String value) {
    StringWriter err = new StringWriter();
    int rc = RedisRaceCli.execute(new String[] {"atlas", "--shard", value}, new PrintWriter(new StringWriter(), true),
        new PrintWriter(err, true));
    assertThat(rc).isEqualTo(2);
    assertThat(err.toString().strip()).contains("--shard").contains("k/n").doesNotContain("Exception").hasLineCount(1);
  }
}
