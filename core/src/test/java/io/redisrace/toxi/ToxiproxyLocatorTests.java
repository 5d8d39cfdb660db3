package io.redisrace.toxi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every branch of the lookup order, with a hand-made environment. */
class ToxiproxyLocatorTests {
  @TempDir Path tmp;

  private Path executable(Path dir, String name) throws IOException {
    Files.createDirectories(dir);
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    return p;
  }

  @Test
  void urlWinsOverEverything() throws IOException {
    Path bin = executable(tmp.resolve("bin"), "toxiproxy-server");
    var loc = new ToxiproxyLocator(Map.of("TOXIPROXY_URL", "http://127.0.0.1:8474", "TOXIPROXY_SERVER", bin.toString(),
        "PATH", bin.getParent().toString()), tmp.resolve("cache"), "v2.12.0").locate();
    assertThat(loc).isEqualTo(new ToxiproxyLocator.Running("http://127.0.0.1:8474"));
  }

  @Test
  void explicitPathThenPathThenCache() throws IOException {
    Path explicit = executable(tmp.resolve("explicit"), "tp");
    Path onPath = executable(tmp.resolve("path"), "toxiproxy-server");
    ToxiproxyLocator withAll = new ToxiproxyLocator(Map.of("TOXIPROXY_SERVER", explicit.toString(), "PATH", onPath.getParent().toString()),
        tmp.resolve("cache"), "v2.12.0");
    assertThat(withAll.locate()).isEqualTo(new ToxiproxyLocator.Binary(explicit, "TOXIPROXY_SERVER"));

    ToxiproxyLocator pathOnly = new ToxiproxyLocator(Map.of("PATH", onPath.getParent().toString()), tmp.resolve("cache"), "v2.12.0");
    assertThat(pathOnly.locate()).isEqualTo(new ToxiproxyLocator.Binary(onPath, "PATH"));

    ToxiproxyLocator cacheOnly = new ToxiproxyLocator(Map.of("PATH", tmp.resolve("empty").toString()), tmp.resolve("cache"), "v2.12.0");
    Path cached = executable(cacheOnly.cachedBinary().getParent(), "toxiproxy-server");
    assertThat(cacheOnly.locate()).isEqualTo(new ToxiproxyLocator.Binary(cached, "cache", cacheOnly.cachedBinary().getParent().getFileName().toString()));
  }

  @Test
  void aWrongExplicitPathIsOneSentence() {
    ToxiproxyLocator locator = new ToxiproxyLocator(Map.of("TOXIPROXY_SERVER", "/nonexistent/toxiproxy-server"), tmp, "v2.12.0");
    assertThatThrownBy(locator::locate)
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("Toxiproxy not found: TOXIPROXY_SERVER points to /nonexistent/toxiproxy-server, which is not an executable file;");
  }

  @Test
  void nothingAtAllSaysEveryWayToGetIt() {
    ToxiproxyLocator locator = new ToxiproxyLocator(Map.of("PATH", tmp.resolve("empty").toString()), tmp.resolve("cache"), "v2.12.0");
    assertThatThrownBy(locator::locate)
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("TOXIPROXY_URL")
        .hasMessageContaining("TOXIPROXY_SERVER")
        .hasMessageContaining("install Go");
  }

  @Test
  void parsesBothVersionAnswers() {
    assertThat(ToxiproxyServer.parseVersion("{\"version\": \"git\"}\n")).isEqualTo("git");
    assertThat(ToxiproxyServer.parseVersion("2.1.4")).isEqualTo("2.1.4");
    // A go install build says "git": the pinned cache build is reported as the release it was built from.
    assertThat(ToxiproxyServer.trueVersion("{\"version\": \"git\"}", "v2.12.0")).isEqualTo("v2.12.0");
    assertThat(ToxiproxyServer.trueVersion("", "v2.12.0")).isEqualTo("v2.12.0");
    assertThat(ToxiproxyServer.trueVersion("{\"version\": \"2.9.0\"}", "v2.12.0")).isEqualTo("2.9.0");
    assertThat(ToxiproxyServer.trueVersion("{\"version\": \"git\"}", null)).isEqualTo("git");
  }
}
