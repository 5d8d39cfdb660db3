package io.redisrace.chaos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ChaosPresetsTests {
  @Test
  void theCommittedFileHoldsTheQuickAndFullPresetsTheDocsDescribe() {
    ChaosPresets presets = ChaosPresets.builtIn();
    assertThat(presets.modes()).containsExactly("quick", "full");

    ChaosSettings quick = ChaosSettings.preset("quick");
    assertThat(quick.trialsPerCell()).isEqualTo(1);
    assertThat(quick.rows()).isEqualTo(60);
    assertThat(quick.chunkSize()).isEqualTo(20);
    assertThat(quick.concurrency()).isEqualTo(new ChaosSettings.Concurrency(List.of(2, 4), List.of(10), 2000, 1));
    assertThat(quick.parallel()).isEqualTo(2);
    assertThat(quick.timeLimit()).isEqualTo(Duration.ofMinutes(10));

    ChaosSettings full = ChaosSettings.preset("full");
    assertThat(full.trialsPerCell()).isEqualTo(20);
    assertThat(full.rows()).isEqualTo(100);
    assertThat(full.concurrency()).isEqualTo(new ChaosSettings.Concurrency(List.of(1, 2, 4, 8), List.of(10, 50), 2000, 5));
    assertThat(full.parallel()).isEqualTo(3);
    assertThat(full.timeLimit()).isEqualTo(Duration.ofMinutes(40));
    for (ChaosSettings s : List.of(quick, full)) {
      assertThat(s.seed()).isEqualTo(20260523L);
      assertThat(s.server()).isEqualTo("7.0");
      assertThat(s.clientTimeout()).isEqualTo(Duration.ofMillis(1500));
    }
  }

  @Test
  void aNewModeIsABlockOfLines() {
    String text = block("smoke").replace("smoke.concurrency.loaders=2", "smoke.concurrency.loaders=");
    ChaosSettings smoke = ChaosPresets.parse(text, "test.properties").settings("smoke");
    assertThat(smoke.mode()).isEqualTo("smoke");
    assertThat(smoke.concurrency().loaders()).isEmpty();
  }

  @Test
  void aMissingUnknownOrMalformedKeyIsOneSentenceNamingTheFile() {
    assertThatThrownBy(() -> ChaosPresets.parse(block("m").replace("m.parallel=2\n", ""), "p.properties"))
        .isInstanceOf(HarnessException.class).hasMessage("p.properties: mode 'm' gives no [parallel].");
    assertThatThrownBy(() -> ChaosPresets.parse(block("m") + "m.paralel=3\n", "p.properties"))
        .isInstanceOf(HarnessException.class).hasMessageStartingWith("p.properties: unknown key 'm.paralel'; a key is <mode>.<one of [");
    assertThatThrownBy(() -> ChaosPresets.parse(block("m").replace("m.rows=60", "m.rows=sixty"), "p.properties"))
        .isInstanceOf(HarnessException.class).hasMessage("p.properties: m.rows must be a whole number, not 'sixty'.");
    assertThatThrownBy(() -> ChaosPresets.builtIn().settings("medium"))
        .isInstanceOf(HarnessException.class).hasMessage("Unknown mode 'medium'; use quick or full.");
  }

  private static String block(String mode) {
    return List.of("trialsPerCell=1", "rows=60", "chunkSize=20", "skewMs=0", "concurrency.loaders=2", "concurrency.chunkSizes=10",
            "concurrency.rows=2000", "concurrency.trials=1", "clientTimeoutMs=1500", "parallel=2", "seed=1", "server=7.0",
            "timeLimitMinutes=1").stream().map(l -> mode + "." + l + "\n").collect(Collectors.joining());
  }
}
