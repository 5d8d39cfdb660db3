package io.redisrace.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The lost-increment measure of docs/sentinel.md, on the histories it names. */
class AckLedgerTests {

  private static AckLedger.Acks acks(LongStream values) {
    AckLedger.Acks a = new AckLedger.Acks();
    values.forEach(a::add);
    return a;
  }

  @Test
  void aCounterThatKeptEveryAcknowledgedIncrementLostNone() {
    // 1..100 acknowledged; the final value may be higher (an unknown outcome that was applied, a replay).
    assertThat(acks(LongStream.rangeClosed(1, 100)).lost(100)).isZero();
    assertThat(acks(LongStream.rangeClosed(1, 100)).lost(103)).isZero();
    // Some replies never arrived (errors): gaps are not losses.
    assertThat(acks(LongStream.rangeClosed(1, 100).filter(v -> v % 7 != 0)).lost(100)).isZero();
  }

  @Test
  void theSplitBrainHandsValuesOutTwiceAndEachSecondOneIsALoss() {
    // The isolated primary acknowledged 1..200, of which 1..99 reached the replica promoted; the new
    // primary went on from 99 to 250: 101 acknowledged increments are gone although the final value is higher.
    AckLedger.Acks a = acks(LongStream.concat(LongStream.rangeClosed(1, 200), LongStream.rangeClosed(100, 250)));
    assertThat(a.lost(250)).isEqualTo(101);
  }

  @Test
  void theEmptyRestartLosesEverythingBeforeIt() {
    // 1..500 acknowledged, the primary restarted empty, 1..300 acknowledged after: all 500 are gone.
    AckLedger.Acks a = acks(LongStream.concat(LongStream.rangeClosed(1, 500), LongStream.rangeClosed(1, 300)));
    assertThat(a.lost(300)).isEqualTo(500);
    // And with no write after the restart the key is gone: every acknowledged increment is lost.
    assertThat(acks(LongStream.rangeClosed(1, 500)).lost(0)).isEqualTo(500);
  }

  @Test
  void aCounterThatEndedBelowItsHighestAcknowledgedValueLostTheDifference() {
    // A crash window: 1..1000 acknowledged, the promoted replica had 1..990.
    assertThat(acks(LongStream.rangeClosed(1, 1000)).lost(990)).isEqualTo(10);
  }

  @Test
  void aCounterThatResumedFromAnOlderDataSetHoldsIncrementsNobodySent() {
    // 1..100 acknowledged, the primary restarted from a stale RDB file where the key was 700, and
    // 701..1300 acknowledged after: no value was handed out twice, so the measure sees no loss, but
    // 600 positions of the final chain were never acknowledged: far more than any error or retry.
    AckLedger.Acks a = acks(LongStream.concat(LongStream.rangeClosed(1, 100), LongStream.rangeClosed(701, 1300)));
    assertThat(a.lost(1300)).isZero();
    assertThat(a.unacknowledged(1300)).isEqualTo(600);
    // A counter that kept everything, with a few replies that never came, leaves only those few.
    assertThat(acks(LongStream.rangeClosed(1, 100).filter(v -> v % 10 != 0)).unacknowledged(100)).isEqualTo(10);
  }
}
