package io.redisrace.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.history.Op.Type;
import io.redisrace.loader.SourceTable;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker on hand-written histories: 6 rows in chunks of 3 (chunk 0 = ids 1-3, chunk 1 = ids 4-6). */
class CheckerTests {
  static final int ROWS = 6;
  static final int CHUNK = 3;

  static List<String> rows(long from, long to) {
    List<String> out = new ArrayList<>();
    for (long id = from; id <= to; id++) {
      out.add(SourceTable.element(id, "row-" + id));
    }
    return out;
  }

  static BitSet bits(int... set) {
    BitSet b = new BitSet();
    for (int i : set) {
      b.set(i);
    }
    return b;
  }

  static Op op(int i, String process, Type type, String f, Object value, Map<String, Object> detail) {
    return new Op(i, i, process, type, f, value, detail);
  }

  static Op op(int i, String process, Type type, String f, Object value) {
    return op(i, process, type, f, value, Map.of());
  }

  @Test
  void emptyHistoryAndEmptyListLosesEverything() {
    Verdict v = Checker.check(ROWS, CHUNK, true, List.of(), new BitSet(), List.of());
    assertThat(v.valid()).isFalse();
    assertThat(v.lostIds()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(v.duplicatedIds()).isEmpty();
    assertThat(v.bitmapInconsistencies()).isEmpty();
  }

  @Test
  void saneHistoryIsValid() {
    List<String> list = new ArrayList<>(rows(4, 6));
    list.addAll(rows(1, 3));
    List<Op> h = List.of(
        op(0, "A", Type.invoke, "commit", 0), op(1, "A", Type.ok, "commit", 0, Map.of("applied", true)),
        op(2, "A", Type.invoke, "commit", 1), op(3, "A", Type.ok, "commit", 1, Map.of("applied", true)));
    Verdict v = Checker.check(ROWS, CHUNK, true, list, bits(0, 1), h);
    assertThat(v.valid()).isTrue();
    assertThat(v.lost()).isZero();
    assertThat(v.duplicated()).isZero();
  }

  @Test
  void lostAfterKillIsReportedWithIdsAndBitmapAgrees() {
    // A committed chunk 0, was killed reading chunk 1, and nobody ran it again.
    List<Op> h = List.of(
        op(0, "A", Type.invoke, "commit", 0), op(1, "A", Type.ok, "commit", 0, Map.of("applied", true)),
        op(2, "nemesis", Type.info, "kill", "A"), op(3, "A", Type.info, "exit", 137));
    Verdict v = Checker.check(ROWS, CHUNK, true, rows(1, 3), bits(0), h);
    assertThat(v.valid()).isFalse();
    assertThat(v.lostIds()).containsExactly(4L, 5L, 6L);
    assertThat(v.bitmapInconsistencies()).isEmpty();
    assertThat(v.ackedButLost()).isEmpty();
  }

  @Test
  void duplicateAfterRetryIsReportedWithCounts() {
    // jedis-retry: the first EXEC's reply was lost (info), the retry committed chunk 1 again.
    List<String> list = new ArrayList<>(rows(1, 6));
    list.addAll(rows(4, 6));
    List<Op> h = List.of(
        op(0, "A", Type.invoke, "commit", 1), op(1, "A", Type.info, "commit", 1, Map.of("error", "read timed out")),
        op(2, "A", Type.invoke, "commit", 1), op(3, "A", Type.ok, "commit", 1, Map.of("applied", true)));
    Verdict v = Checker.check(ROWS, CHUNK, true, list, bits(0, 1), h);
    assertThat(v.valid()).isFalse();
    assertThat(v.duplicatedIds()).isEqualTo(Map.of(4L, 2, 5L, 2, 6L, 2));
    assertThat(v.duplicated()).isEqualTo(3);
    assertThat(v.lost()).isZero();
  }

  @Test
  void bitmapInconsistenciesAreNamed() {
    // chunk 0 marked but missing, chunk 1 loaded but unmarked, bit 5 past the end.
    Verdict v = Checker.check(ROWS, CHUNK, true, rows(4, 6), bits(0, 5), List.of());
    assertThat(v.bitmapInconsistencies()).containsExactly(
        "chunk 0 is marked done but some of its rows are missing.",
        "chunk 1 is loaded but not marked done.",
        "bit 5 is set but there are only 2 chunks.");
  }

  @Test
  void plainVariantIgnoresTheBitmap() {
    Verdict v = Checker.check(ROWS, CHUNK, false, rows(1, 6), new BitSet(), List.of());
    assertThat(v.valid()).isTrue();
  }

  @Test
  void acknowledgedButLostAndUnexpectedElements() {
    List<String> list = new ArrayList<>(rows(1, 3));
    list.add("99:row-99");
    list.add("garbage");
    List<Op> h = List.of(op(0, "A", Type.ok, "commit", 1, Map.of("applied", true)));
    Verdict v = Checker.check(ROWS, CHUNK, false, list, new BitSet(), h);
    assertThat(v.ackedButLost()).containsExactly(1);
    assertThat(v.unexpected()).containsExactly("99:row-99", "garbage");
    assertThat(v.valid()).isFalse();
  }
}
