package io.redisrace.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plan of every registered fault (its id, summary, phases for every registered variant, whether
 * it kills): a new fault is checked here as soon as its services line exists; and the plans of the
 * built-in faults, which a refactoring must leave as they were.
 */
class FaultPlanTests {

  static Stream<Fault> faults() {
    return Faults.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void everyFaultHasAPlanForEveryVariant(Fault fault) {
    assertThat(fault.id()).matches("[a-z][a-z_-]*");
    assertThat(fault.summary()).isNotBlank().doesNotContain("\n").hasSizeLessThan(100);
    assertThat(Faults.parse(fault.id())).isSameAs(fault);
    for (LoaderVariant v : LoaderVariants.all()) {
      List<Step> phases = fault.phases(v);
      if (fault.isNone()) {
        assertThat(phases).as("no fault strikes nowhere").isEmpty();
        continue;
      }
      assertThat(phases).as("%s x %s", fault.id(), v.id()).isNotEmpty().doesNotHaveDuplicates()
          .allSatisfy(step -> assertThat(step == Step.COMMIT_SENDING || v.stepsBeforeCommit().contains(step))
              .as("%s strikes %s at %s, a step %s passes", fault.id(), v.id(), step, v.id()).isTrue());
    }
    assertThat(fault.isNone() && (fault.kills() || fault.exclusive())).isFalse();
  }

  @Test
  void idsAreUniqueAndNoneComesFirst() {
    assertThat(Faults.all()).extracting(Fault::id).doesNotHaveDuplicates().first().isEqualTo(Faults.NONE);
    assertThat(Faults.none().isNone()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "none                 | ''                          | ''                                  | false",
      "sigkill-reading      | rows-read                   | rows-read                           | true",
      "sigkill-in-flight    | commit-sending              | commit-sending                      | true",
      "sigkill-after-commit | commit-sending              | commit-sending                      | true",
      "sigstop              | rows-read                   | bit-checked lock-taken rows-read    | false",
      "reset_peer           | rows-read                   | rows-read                           | false",
      "timeout              | rows-read                   | rows-read                           | false",
      "limit_data           | commit-sending              | commit-sending                      | false",
      "latency              | commit-sending              | commit-sending                      | false",
      "slicer               | commit-sending              | commit-sending                      | false",
      "bandwidth            | commit-sending              | commit-sending                      | false",
      "slow_close           | rows-read                   | rows-read                           | true",
      "lost_reply           | commit-sending              | commit-sending                      | false"})
  void builtInPlansAreUnchanged(String id, String plainPhases, String clientNameLockPhases, boolean kills) {
    Fault f = Faults.parse(id);
    assertThat(ids(f.phases(LoaderVariants.parse("plain")))).isEqualTo(plainPhases);
    assertThat(ids(f.phases(LoaderVariants.parse("client-name-lock")))).isEqualTo(clientNameLockPhases);
    if (id.equals("sigstop")) {
      assertThat(ids(f.phases(LoaderVariants.parse("bitmap")))).isEqualTo("bit-checked rows-read");
      assertThat(ids(f.phases(LoaderVariants.parse("fenced")))).isEqualTo("bit-checked rows-read");
    }
    assertThat(f.kills()).isEqualTo(kills);
    assertThat(f.exclusive()).isFalse();
  }

  @Test
  void limitDataCutsTheReplyThatAcknowledgesTheCommit() {
    assertThat(Nemesis.cutLastReply(LoaderVariants.parse("plain"))).isEqualTo(1 + 5 + 9);
    assertThat(Nemesis.cutLastReply(LoaderVariants.parse("bitmap"))).isEqualTo(1 + 5 + 9 + 9);
    assertThat(Nemesis.cutLastReply(LoaderVariants.parse("client-name-lock"))).isEqualTo(1 + 5 + 9 + 9);
    assertThat(Nemesis.cutLastReply(LoaderVariants.parse("fenced"))).isEqualTo(1);
  }

  /** docs/chaos.md's fault table lists exactly the registered faults, in their order. */
  @Test
  void theDocsFaultTableListsEveryRegisteredFault() throws IOException {
    String doc = Files.readString(Path.of("..", "docs", "chaos.md"));
    String table = doc.substring(doc.indexOf("| fault | held at |"));
    table = table.substring(0, table.indexOf("\n\n"));
    List<String> rows = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
    while (m.find()) {
      rows.add(m.group(1));
    }
    assertThat(rows).as("fault rows of docs/chaos.md").containsExactlyElementsOf(Faults.all().stream().map(Fault::id).toList());
  }

  static String ids(List<Step> steps) {
    return String.join(" ", steps.stream().map(Step::id).toList());
  }
}
