package io.redisrace.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.loader.LoaderVariants;
import org.junit.jupiter.api.Test;

/** known-unsafe.txt: the committed cells, and a typo failing with one sentence that names the file, the line and the ids. */
class KnownUnsafeTests {

  @Test
  void theCommittedFileHoldsTheKnownRaces() {
    KnownUnsafe k = KnownUnsafe.builtIn();
    assertThat(k.exactlyOnce()).isEqualTo("fenced");
    assertThat(KnownUnsafe.EXACTLY_ONCE).isEqualTo("fenced");
    assertThat(k.contains("plain", "sigkill-reading", 1, 5)).isTrue();
    assertThat(k.contains("bitmap", "sigstop", 2, 5)).isTrue();
    assertThat(k.contains("client-name-lock", "lost_reply", 2, 5)).isTrue();
    assertThat(k.contains("lease-lock", "sigstop", 2, 5)).isTrue();
    assertThat(k.contains("bitmap", "latency", 2, 5)).isFalse();
    assertThat(k.contains("fenced", "sigstop", 2, 5)).isFalse();
    assertThat(k.contains("bitmap", "none", 2, 200)).isTrue();
    assertThat(k.contains("bitmap", "none", 1, 200)).as("one loader").isFalse();
    assertThat(k.contains("bitmap", "none", 2, 99)).as("too few chunks").isFalse();
    assertThat(k.contains("lease-lock", "none", 4, 200)).as("a lease is no race without a pause").isFalse();
  }

  @Test
  void aTypoInAFaultFailsWithOneSentenceNamingTheLineAndTheValidIds() {
    assertThatThrownBy(() -> KnownUnsafe.parse("exactly-once fenced\n# bitmap\nbitmap sigstp\n", "known-unsafe.txt"))
        .isInstanceOf(HarnessException.class)
        .hasMessage("known-unsafe.txt line 3: unknown fault 'sigstp'; use one of " + Faults.ids() + ".");
  }

  @Test
  void aTypoInAVariantOrAConditionFailsToo() {
    assertThatThrownBy(() -> KnownUnsafe.parse("exactly-once fenced\nbitmapp sigstop\n", "f.txt"))
        .hasMessage("f.txt line 2: unknown loader variant 'bitmapp'; use one of " + LoaderVariants.ids() + ".");
    assertThatThrownBy(() -> KnownUnsafe.parse("exactly-once fenced\nbitmap none loaders>2\n", "f.txt"))
        .hasMessage("f.txt line 2: unknown condition 'loaders>2'; use loaders>=N or chunks>=N.");
    assertThatThrownBy(() -> KnownUnsafe.parse("bitmap sigstop\n", "f.txt"))
        .hasMessageStartingWith("f.txt has no 'exactly-once VARIANT' line");
  }
}
