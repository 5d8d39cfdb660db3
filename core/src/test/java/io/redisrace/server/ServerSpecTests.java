package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import org.junit.jupiter.api.Test;

class ServerSpecTests {

  @Test
  void shippedIdsPromiseTheirVersions() {
    assertThat(ServerSpec.parse("2.8").kind().promisedVersion()).contains(RedisVersion.parse("2.8.19"));
    assertThat(ServerSpec.parse("6.2").kind().promisedVersion()).contains(RedisVersion.parse("6.2.11"));
    assertThat(ServerSpec.parse("7.0").kind().promisedVersion()).contains(RedisVersion.parse("7.0.15"));
    assertThat(ServerSpec.parse("system").kind()).isEqualTo(ServerKind.SYSTEM);
  }

  @Test
  void externalIsAUrl() {
    ServerSpec spec = ServerSpec.parse("redis://127.0.0.1:6390");
    assertThat(spec.kind()).isEqualTo(ServerKind.EXTERNAL);
    assertThat(spec.externalUri().orElseThrow().getPort()).isEqualTo(6390);
    assertThat(ServerSpec.parse("external:redis://localhost:1").kind()).isEqualTo(ServerKind.EXTERNAL);
  }

  @Test
  void unknownIdSaysWhatIsAccepted() {
    assertThatThrownBy(() -> ServerSpec.parse("9.9"))
        .isInstanceOf(HarnessException.class)
        .hasMessage("Unknown server '9.9'; use one of " + ServerSpec.ACCEPTED + ".");
    assertThatThrownBy(() -> ServerSpec.parse("external")).isInstanceOf(HarnessException.class).hasMessageContaining("redis://host:port");
    assertThatThrownBy(() -> ServerSpec.parse("redis://nohost")).isInstanceOf(HarnessException.class);
  }

  @Test
  void embeddedPinsABareIdToALocalProcess() {
    ServerSpec spec = ServerSpec.parse("embedded:2.8");
    assertThat(spec.kind()).isEqualTo(ServerKind.REDIS_2_8);
    assertThat(spec.embedded()).isTrue();
    assertThat(spec.id()).isEqualTo("embedded:2.8");
    assertThat(spec.unpinned().id()).isEqualTo("2.8");
    assertThat(ServerSpec.parse("2.8").embedded()).isFalse();
    assertThatThrownBy(() -> ServerSpec.parse("embedded:docker:redis:7.4")).isInstanceOf(HarnessException.class)
        .hasMessageContaining("not a local one");
    assertThatThrownBy(() -> ServerSpec.parse("embedded:redis://127.0.0.1:1")).isInstanceOf(HarnessException.class);
    assertThatThrownBy(() -> ServerSpec.parse("embedded:9.9")).isInstanceOf(HarnessException.class).hasMessageContaining("Unknown server");
  }

  @Test
  void dockerIdsNameAPinnedImage() {
    ServerSpec spec = ServerSpec.parse("docker:redis:7.4");
    assertThat(spec.kind()).isEqualTo(ServerKind.DOCKER);
    assertThat(spec.image()).contains("redis:7.4");
    assertThat(spec.id()).isEqualTo("docker:redis:7.4");
    assertThat(ServerSpec.parse("docker:7.2.5").image()).contains("redis:7.2.5");
    assertThat(ServerSpec.parse("docker:valkey/valkey:8.0").image()).contains("valkey/valkey:8.0");
    assertThat(ServerSpec.parse("docker:localhost:5000/team/redis:7.0.15").image()).contains("localhost:5000/team/redis:7.0.15");
    assertThatThrownBy(() -> ServerSpec.parse("docker:redis")).isInstanceOf(HarnessException.class).hasMessageContaining("pinned tag");
    assertThatThrownBy(() -> ServerSpec.parse("docker:redis:latest")).isInstanceOf(HarnessException.class).hasMessageContaining("never latest");
    assertThatThrownBy(() -> ServerSpec.parse("docker")).isInstanceOf(HarnessException.class).hasMessageContaining("docker:redis:7.4");
  }

  @Test
  void shippedIdsHaveTheirOfficialImage() {
    assertThat(ServerKind.REDIS_2_8.dockerImage()).contains("redis:2.8.19");
    assertThat(ServerKind.REDIS_6_2.dockerImage()).contains("redis:6.2.11");
    assertThat(ServerKind.REDIS_7_0.dockerImage()).contains("redis:7.0.15");
    assertThat(ServerKind.SYSTEM.dockerImage()).isEmpty();
  }

  @Test
  void versionIdsNameManifestEntriesAndTheShippedVersionsAreTheShortIds() {
    assertThat(ServerSpec.parse("2.8.19").kind()).isEqualTo(ServerKind.REDIS_2_8);
    assertThat(ServerSpec.parse("7.0.15").id()).isEqualTo("7.0");
    ServerSpec v = ServerSpec.parse("6.0.9");
    assertThat(v.kind()).isEqualTo(ServerKind.INSTALLED);
    assertThat(v.id()).isEqualTo("6.0.9");
    assertThat(v.promisedVersion()).contains(RedisVersion.parse("6.0.9"));
    ServerSpec valkey = ServerSpec.parse("embedded:valkey-9.1.2");
    assertThat(valkey.id()).isEqualTo("embedded:valkey-9.1.2");
    assertThat(valkey.unpinned().id()).isEqualTo("valkey-9.1.2");
    assertThat(valkey.promisedVersion()).contains(RedisVersion.parse("7.2.4"));
    assertThatThrownBy(() -> ServerSpec.parse("installed")).isInstanceOf(HarnessException.class);
    assertThatThrownBy(() -> ServerSpec.parse("6.0.99")).isInstanceOf(HarnessException.class).hasMessageStartingWith("Unknown server '6.0.99'");
  }
}
