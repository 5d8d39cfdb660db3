package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchExpectationsTests {

  @Test
  void theFirstMatchingLineWinsAndABadLineGetsOneSentence() {
    BenchExpectations e = BenchExpectations.parse("multi 2.8 <=1 1 must-race a\nmulti * * * clean b\n", "t");
    assertThat(e.rule(new CellKey("thrpt", "multi", "jedis", "2.8", 1, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.MUST_RACE);
    assertThat(e.rule(new CellKey("thrpt", "multi", "jedis", "2.8", 20, 1, 1)).get().verdict()).isEqualTo(BenchExpectations.Verdict.CLEAN);
    assertThat(e.rule(new CellKey("thrpt", "mine", "jedis", "2.8", 20, 1, 1))).isEmpty();
    assertThatThrownBy(() -> BenchExpectations.parse("lua * * * safe", "f"))
        .hasMessage("f line 1: verdict 'safe' is unknown; use clean, must-race or may-race.");
  }

  @Test
  void theCommittedExpectationsFileParses() {
    BenchExpectations e = BenchExpectations.read(Path.of("expectations.txt"));
    assertThat(e.rule(new CellKey("thrpt", "multi", "jedis", "2.8", 1, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.MUST_RACE);
    assertThat(e.rule(new CellKey("thrpt", "lua", "lettuce", "6.2", 20, 10000, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.CLEAN);
  }
}
