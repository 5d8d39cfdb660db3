package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Where each server id runs under each backend, with Docker reachable or not (no Docker needed). */
class BackendTests {
  static final Supplier<Optional<String>> DOCKER = Optional::empty;
  static final Supplier<Optional<String>> NO_DOCKER = () -> Optional.of("no Docker socket or DOCKER_HOST answered");

  @Test
  void parsesTheFourBackendsAndRefusesOthersInOneSentence() {
    assertThat(Backend.parse("embedded")).isEqualTo(Backend.EMBEDDED);
    assertThat(Backend.parse(" Docker ")).isEqualTo(Backend.DOCKER);
    assertThat(Backend.parse("external")).isEqualTo(Backend.EXTERNAL);
    assertThat(Backend.parse("auto")).isEqualTo(Backend.AUTO);
    assertThatThrownBy(() -> Backend.parse("podman"))
        .isInstanceOf(HarnessException.class)
        .hasMessage("Unknown backend 'podman'; use one of embedded, docker, external or auto.");
  }

  @Test
  void embeddedRunsTheShippedBinaries() {
    Backend.Choice c = Backend.EMBEDDED.choose(ServerSpec.parse("2.8"), NO_DOCKER);
    assertThat(c.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(c.image()).isEmpty();
  }

  @Test
  void dockerRunsTheOfficialImageOfEachShippedVersion() {
    assertThat(Backend.DOCKER.choose(ServerSpec.parse("2.8"), DOCKER).image()).contains("redis:2.8.19");
    assertThat(Backend.DOCKER.choose(ServerSpec.parse("6.2"), DOCKER).image()).contains("redis:6.2.11");
    assertThat(Backend.DOCKER.choose(ServerSpec.parse("7.0"), DOCKER).image()).contains("redis:7.0.15");
    assertThatThrownBy(() -> Backend.DOCKER.choose(ServerSpec.parse("system"), DOCKER))
        .isInstanceOf(HarnessException.class).hasMessageContaining("docker:redis:7.0.15");
  }

  @Test
  void anExplicitIdSaysWhereItRunsWhateverTheBackend() {
    assertThat(Backend.EMBEDDED.choose(ServerSpec.parse("docker:redis:7.4"), DOCKER))
        .isEqualTo(new Backend.Choice(Backend.DOCKER, ServerSpec.parse("docker:redis:7.4"), Optional.of("redis:7.4")));
    assertThat(Backend.DOCKER.choose(ServerSpec.parse("redis://127.0.0.1:6390"), DOCKER).backend()).isEqualTo(Backend.EXTERNAL);
  }

  @Test
  void anEmbeddedPinRunsTheShippedBinaryEvenOnTheDockerBackend() {
    Backend.Choice c = Backend.DOCKER.choose(ServerSpec.parse("embedded:7.0"), DOCKER);
    assertThat(c.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(c.spec().kind()).isEqualTo(ServerKind.REDIS_7_0);
    assertThat(c.image()).isEmpty();
    assertThat(Backend.AUTO.choose(ServerSpec.parse("embedded:2.8"), NO_DOCKER).backend()).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void autoPicksEmbeddedForShippedVersionsAndDockerForTheRest() {
    assertThat(Backend.AUTO.choose(ServerSpec.parse("7.0"), DOCKER).backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(Backend.AUTO.choose(ServerSpec.parse("docker:redis:7.4"), DOCKER).backend()).isEqualTo(Backend.DOCKER);
  }

  @Test
  void autoWithoutDockerFallsBackToTheEmbeddedBinaryOfTheSameVersion() {
    Backend.Choice c = Backend.AUTO.choose(ServerSpec.parse("docker:redis:2.8.19"), NO_DOCKER);
    assertThat(c.backend()).isEqualTo(Backend.EMBEDDED);
    assertThat(c.spec()).isEqualTo(ServerSpec.parse("2.8"));
    assertThatThrownBy(() -> Backend.AUTO.choose(ServerSpec.parse("docker:redis:7.4"), NO_DOCKER))
        .isInstanceOf(HarnessException.class)
        .hasMessage("Server docker:redis:7.4 needs Docker, which is not reachable (no Docker socket or DOCKER_HOST answered);"
            + " start Docker, or use 2.8, 6.2 or 7.0.");
  }

  @Test
  void externalStartsNothing() {
    assertThatThrownBy(() -> Backend.EXTERNAL.choose(ServerSpec.parse("2.8"), NO_DOCKER))
        .isInstanceOf(HarnessException.class)
        .hasMessage("The external backend starts no server, so '2.8' cannot run; pass --server redis://host:port.");
  }
}
