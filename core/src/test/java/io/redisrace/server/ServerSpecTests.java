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
        .hasMessage("Unknown server '9.9'; use one of 2.8, 6.2, 7.0, system, or an external server as redis://host:port.");
    assertThatThrownBy(() -> ServerSpec.parse("external")).isInstanceOf(HarnessException.class).hasMessageContaining("redis://host:port");
    assertThatThrownBy(() -> ServerSpec.parse("redis://nohost")).isInstanceOf(HarnessException.class);
  }
}
