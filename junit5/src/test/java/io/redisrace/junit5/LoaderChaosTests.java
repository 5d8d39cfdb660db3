package io.redisrace.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.loader.ChunkStore;
import io.redisrace.loader.FencedVariant;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoaderChaosTests {

  /** A variant that no META-INF/services file lists. */
  static final class Unlisted implements LoaderVariant {
    @Override
    public String id() {
      return "unlisted";
    }

    @Override
    public String summary() {
      return "";
    }

    @Override
    public boolean marksChunks() {
      return false;
    }

    @Override
    public List<Step> stepsBeforeCommit() {
      return List.of(Step.ROWS_READ);
    }

    @Override
    public long commitRepliesBeforeAck() {
      return 0;
    }

    @Override
    public Claim claim(ChunkSteps chunk) {
      return Claim.GO;
    }

    @Override
    public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
      return true;
    }
  }

  @Test
  void aVariantTheLoaderProcessesCannotFindIsRefusedInOneSentence() {
    assertThatThrownBy(() -> new LoaderChaos().loader(new Unlisted()))
        .isInstanceOf(HarnessException.class)
        .hasMessage("Loader variant 'unlisted' (" + Unlisted.class.getName() + ") is not listed in"
            + " META-INF/services/io.redisrace.loader.LoaderVariant on the test class path; the loader processes find variants only there, by id.");
  }

  @Test
  void aRegisteredVariantIsTheRegistrysInstance() {
    assertThat(LoaderChaos.registered(new FencedVariant())).isSameAs(LoaderVariants.parse("fenced"));
  }

  @Test
  void theSettingsAreTheRequestedCells() {
    var settings = new LoaderChaos().loader("fenced").faults("none", "lost_reply").clients("lettuce").trials(2).concurrency(4).settings();
    assertThat(settings.cells()).extracting(c -> c.fault().id() + " " + c.shape().loaders() + " " + c.trials())
        .containsExactly("none 2 2", "lost_reply 2 2", "none 4 2");
    assertThat(settings.clients()).extracting(c -> c.id()).containsExactly("lettuce");
  }

  @Test
  void aUsersReplayCommandPutsTheVariantsClassesOnTheChaosClassPath() {
    String trial = "java -jar chaos/target/redis-race-chaos.jar trial --seed 1 --variant mine --fault none";
    assertThat(ChaosReport.replay(trial, "/p/target/test-classes"))
        .isEqualTo("java -cp chaos/target/redis-race-chaos.jar:/p/target/test-classes io.redisrace.chaos.ChaosCli trial --seed 1 --variant mine --fault none");
    assertThat(ChaosReport.replay(trial, "")).isEqualTo(trial);
  }
}
