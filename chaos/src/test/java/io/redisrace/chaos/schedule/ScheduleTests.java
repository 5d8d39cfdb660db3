package io.redisrace.chaos.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ScheduleTests {
  static final List<LoaderVariant> V = LoaderVariants.all();
  static final List<Fault> F = Faults.all();
  static final List<ClientMode> C = List.of(ClientMode.values());
  /** The classic shapes over 5 chunks of 20. */
  static final Function<LoaderVariant, Shape> S5 = v -> new Shape(v == LoaderVariants.parse("plain") ? 1 : 2, 100, 20, 0);
  static final Function<LoaderVariant, Shape> S4 = v -> new Shape(v == LoaderVariants.parse("plain") ? 1 : 2, 80, 20, 0);

  @Test
  void sameSeedSamePlans() {
    assertThat(Schedule.matrix(7, V, F, C, 3, S5)).isEqualTo(Schedule.matrix(7, V, F, C, 3, S5));
    assertThat(Schedule.matrix(7, V, F, C, 3, S5)).isNotEqualTo(Schedule.matrix(8, V, F, C, 3, S5));
  }

  @Test
  void aTrialReplaysFromItsOwnSeed() {
    for (TrialPlan p : Schedule.matrix(42, V, F, C, 2, S5)) {
      assertThat(Schedule.plan(p.seed(), p.variant(), p.fault(), p.client(), p.shape())).isEqualTo(p);
    }
  }

  @Test
  void matrixCoversEveryCellAndRotatesClients() {
    List<TrialPlan> plans = Schedule.matrix(1, V, F, C, 4, S5);
    assertThat(plans).hasSize(V.size() * F.size() * 4);
    plans.stream().filter(p -> p.variant() == LoaderVariants.parse("fenced") && p.fault() == Faults.parse("reset_peer"))
        .map(TrialPlan::client).distinct().forEach(c -> assertThat(C).contains(c));
    assertThat(plans.stream().filter(p -> p.variant() == LoaderVariants.parse("fenced") && p.fault() == Faults.parse("reset_peer"))
        .map(TrialPlan::client).distinct().count()).isEqualTo(4);
  }

  @Test
  void plansAreWellFormed() {
    for (TrialPlan p : Schedule.matrix(3, V, F, C, 5, S4)) {
      assertThat(p.chunk()).isBetween(0, 3);
      assertThat(p.phase() == null).isEqualTo(p.fault() == Faults.none());
      if (p.phase() != null) {
        assertThat(p.fault().phases(p.variant())).contains(p.phase());
      }
      if (p.variant() == LoaderVariants.parse("plain")) {
        assertThat(p.chunk()).isPositive();
        assertThat(p.competitor()).isFalse();
      }
    }
  }

  @Test
  void startDelaysFollowTheSeedWithinTheSkew() {
    Shape four = new Shape(4, 2000, 10, 50);
    TrialPlan p = Schedule.plan(99, LoaderVariants.parse("client-name-lock"), Faults.none(), ClientMode.JEDIS, four);
    assertThat(p.startDelaysMs()).hasSize(3).allSatisfy(d -> assertThat(d).isBetween(0, 50));
    assertThat(Schedule.plan(99, LoaderVariants.parse("client-name-lock"), Faults.none(), ClientMode.JEDIS, four)).isEqualTo(p);
    assertThat(p.competitorStartChunk()).as("fault-free loaders all start at chunk 0").isZero();
    assertThat(Schedule.plan(99, LoaderVariants.parse("client-name-lock"), Faults.none(), ClientMode.JEDIS, new Shape(4, 2000, 10, 0))
        .startDelaysMs()).containsExactly(0, 0, 0);
  }

  @Test
  void concurrencyCellsComeAfterTheClassicOnesAndLeaveTheirPlansUnchanged() {
    var settings = io.redisrace.chaos.runner.ChaosSettings.preset("quick");
    List<TrialPlan> withConcurrency = Schedule.cells(1, settings.cells(), C);
    List<TrialPlan> classic = Schedule.cells(1, settings.withConcurrency(io.redisrace.chaos.runner.ChaosSettings.Concurrency.OFF).cells(), C);
    assertThat(withConcurrency.subList(0, classic.size())).isEqualTo(classic);
    assertThat(withConcurrency.subList(classic.size(), withConcurrency.size()))
        .hasSize(V.size() * 2)
        .allSatisfy(p -> {
          assertThat(p.fault()).isEqualTo(Faults.none());
          assertThat(p.shape().loaders()).isIn(2, 4);
          assertThat(p.shape().chunks()).isEqualTo(200);
        });
  }

  @Test
  void phasesRotateInsideACellSoThatACellCutShortStillStrikesEveryPhase() {
    List<TrialPlan> plans = Schedule.matrix(20260523, List.of(LoaderVariants.parse("client-name-lock")), List.of(Faults.parse("sigstop")), C, 12, S5);
    assertThat(plans).hasSize(12);
    for (int first = 0; first + 3 <= 12; first += 3) {
      assertThat(plans.subList(first, first + 3).stream().map(TrialPlan::phase).distinct().count())
          .as("trials %d..%d", first, first + 2).isEqualTo(3);
    }
    // every (client, phase) pair once in 12 trials: 4 clients x 3 phases
    assertThat(plans.stream().map(p -> p.client() + "|" + p.phase()).distinct().count()).isEqualTo(12);
  }
}
