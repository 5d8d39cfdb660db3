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

  @Test
  void serverColumnsAreVersionRangesMatchedByThePromisedVersion() {
    BenchExpectations e = BenchExpectations.read(Path.of("expectations.txt"));
    for (String racy : new String[] {"2.8", "2.8.5", "3.0.5", "5.0.10", "6.0.5", "6.0.9", "embedded:6.0.8"}) {
      assertThat(e.rule(new CellKey("thrpt", "multi", "jedis", racy, 1, 1, 4)).get().verdict()).as(racy).isEqualTo(BenchExpectations.Verdict.MUST_RACE);
    }
    for (String clean : new String[] {"6.2", "6.2.5", "6.2.14", "7.0", "8.2.3", "valkey-9.1.2", "docker:redis:7.4"}) {
      assertThat(e.rule(new CellKey("thrpt", "multi", "jedis", clean, 1, 1, 4)).get().verdict()).as(clean).isEqualTo(BenchExpectations.Verdict.CLEAN);
    }
    assertThat(e.rule(new CellKey("thrpt", "watch-retry", "jedis", "6.0.8", 20, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.MAY_RACE);
    // 6.0.9 aborts on an expired WATCHed key (#7920), but the key still expires inside EXEC (#9194): measured in the atlas.
    assertThat(e.rule(new CellKey("thrpt", "watch-retry", "jedis", "6.0.9", 20, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.MAY_RACE);
    assertThat(e.rule(new CellKey("thrpt", "watch-retry", "jedis", "6.2.5", 20, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.CLEAN);
    assertThat(e.rule(new CellKey("thrpt", "multi-heal", "jedis", "6.2", 20, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.MAY_RACE);
    assertThat(e.rule(new CellKey("thrpt", "multi", "jedis", "system", 20, 1, 4)).get().verdict()).isEqualTo(BenchExpectations.Verdict.CLEAN);
    BenchExpectations exact = BenchExpectations.parse("multi 6.2.0..6.2.5 * * must-race a\nmulti 6.0.9 * * may-race b\n", "t");
    assertThat(exact.rule(new CellKey("thrpt", "multi", "jedis", "6.2.4", 1, 1, 1))).isEmpty();
    assertThat(exact.rule(new CellKey("thrpt", "multi", "jedis", "6.0.9", 1, 1, 1)).get().why()).isEqualTo("b");
    assertThat(exact.rule(new CellKey("thrpt", "multi", "jedis", "6.2.5", 1, 1, 1))).isEmpty();
  }

  @Test
  void aTypoInAServerOrVariantFailsLoudly() {
    assertThatThrownBy(() -> BenchExpectations.parse("multi <6.0.1x * * clean", "f"))
        .hasMessage("f line 1: '<6.0.1x' is not a version range; write <6.0.15, >=7.2 or 6.2.0..6.2.5.");
    assertThatThrownBy(() -> BenchExpectations.parse("multi 6.0.99 * * clean", "f"))
        .hasMessageStartingWith("f line 1: server '6.0.99' is neither *, a server id");
    assertThatThrownBy(() -> BenchExpectations.parse("multi 7.0..6.2 * * clean", "f")).hasMessageContaining("is empty");
    assertThatThrownBy(() -> BenchExpectations.parse("mutli * * * clean", "f")).hasMessageStartingWith("f line 1: variant 'mutli' is unknown");
  }
}
