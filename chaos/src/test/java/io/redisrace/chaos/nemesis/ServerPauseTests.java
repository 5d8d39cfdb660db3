package io.redisrace.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import io.redisrace.server.RedisVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan of {@code server-pause}: every step of a variant before its commit and mid-commit, the shared server alone, DEBUG enabled from 7.0. */
class ServerPauseTests {
  final Fault pause = Faults.parse("server-pause");

  @Test
  void strikesBeforeAndInTheCommitAndTakesTheServerAlone() {
    for (LoaderVariant v : LoaderVariants.all()) {
      assertThat(pause.phases(v)).as(v.id()).endsWith(Step.COMMIT_SENDING).containsAll(v.stepsBeforeCommit());
    }
    assertThat(pause.phases(LoaderVariants.parse("lease-lock")))
        .isEqualTo(List.of(Step.LOCK_TAKEN, Step.BIT_CHECKED, Step.ROWS_READ, Step.COMMIT_SENDING));
    assertThat(pause.kills()).isFalse();
    assertThat(pause.exclusive()).as("it stops the server every trial shares").isTrue();
    assertThat(pause.summary()).contains("DEBUG SLEEP");
  }

  @Test
  void enablesTheDebugCommandFromSevenZero() {
    assertThat(pause.serverConfig(RedisVersion.parse("2.8.19"))).isEmpty();
    assertThat(pause.serverConfig(RedisVersion.parse("6.2.11"))).isEmpty();
    assertThat(pause.serverConfig(RedisVersion.parse("7.0.15"))).isEqualTo(Map.of("enable-debug-command", "yes"));
  }
}
