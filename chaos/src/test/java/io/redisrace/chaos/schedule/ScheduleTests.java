package io.redisrace.chaos.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleTests {
  static final List<LoaderVariant> V = List.of(LoaderVariant.values());
  static final List<Fault> F = List.of(Fault.values());
  static final List<ClientMode> C = List.of(ClientMode.values());

  @Test
  void sameSeedSamePlans() {
    assertThat(Schedule.matrix(7, V, F, C, 3, 5)).isEqualTo(Schedule.matrix(7, V, F, C, 3, 5));
    assertThat(Schedule.matrix(7, V, F, C, 3, 5)).isNotEqualTo(Schedule.matrix(8, V, F, C, 3, 5));
  }

  @Test
  void aTrialReplaysFromItsOwnSeed() {
    for (TrialPlan p : Schedule.matrix(42, V, F, C, 2, 5)) {
      assertThat(Schedule.plan(p.seed(), p.variant(), p.fault(), p.client(), 5)).isEqualTo(p);
    }
  }

  @Test
  void matrixCoversEveryCellAndRotatesClients() {
    List<TrialPlan> plans = Schedule.matrix(1, V, F, C, 4, 5);
    assertThat(plans).hasSize(V.size() * F.size() * 4);
    plans.stream().filter(p -> p.variant() == LoaderVariant.FENCED && p.fault() == Fault.RESET_PEER)
        .map(TrialPlan::client).distinct().forEach(c -> assertThat(C).contains(c));
    assertThat(plans.stream().filter(p -> p.variant() == LoaderVariant.FENCED && p.fault() == Fault.RESET_PEER)
        .map(TrialPlan::client).distinct().count()).isEqualTo(4);
  }

  @Test
  void plansAreWellFormed() {
    for (TrialPlan p : Schedule.matrix(3, V, F, C, 5, 4)) {
      assertThat(p.chunk()).isBetween(0, 3);
      assertThat(p.phase() == null).isEqualTo(p.fault() == Fault.NONE);
      if (p.phase() != null) {
        assertThat(p.fault().phases(p.variant())).contains(p.phase());
      }
      if (p.variant() == LoaderVariant.PLAIN) {
        assertThat(p.chunk()).isPositive();
        assertThat(p.competitor()).isFalse();
      }
    }
  }
}
