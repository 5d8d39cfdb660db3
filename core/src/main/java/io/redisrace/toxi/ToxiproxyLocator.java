package io.redisrace.toxi;

import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.RunDir;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the real Toxiproxy server, in this order (README.md, "Toxiproxy"):
 * <ol>
 *   <li>{@code TOXIPROXY_URL}: an already running server (http://host:port), not started by us;</li>
 *   <li>{@code TOXIPROXY_SERVER}: the path of a toxiproxy-server binary;</li>
 *   <li>{@code toxiproxy-server} on PATH;</li>
 *   <li>the cache, {@code <cache>/toxiproxy/<version>/toxiproxy-server};</li>
 *   <li>{@code go install github.com/Shopify/toxiproxy/v2/cmd/server@<version>} into that cache,
 *       when {@code go} is on PATH (set {@code REDIS_RACE_NO_GO_INSTALL=1} to forbid it).</li>
 * </ol>
 * The environment is a parameter so that every branch is unit-testable.
 */
public final class ToxiproxyLocator {

  /** Where to find or start Toxiproxy: a running server's URL, or a binary to start. */
  public sealed interface Location permits Running, Binary {}

  public record Running(String url) implements Location {}

  /**
   * A toxiproxy-server binary. {@code pinned}: the release it was built from when it is the pinned
   * cache path (go install builds report their version as "git"); null otherwise.
   */
  public record Binary(Path path, String source, String pinned) implements Location {
    public Binary(Path path, String source) {
      this(path, source, null);
    }
  }

  private final Map<String, String> env;
  private final Path cache;
  private final String version;

  public ToxiproxyLocator(Map<String, String> env, Path cache, String version) {
    this.env = env;
    this.cache = cache;
    this.version = version;
  }

  public static ToxiproxyLocator fromEnvironment() {
    return new ToxiproxyLocator(System.getenv(), HarnessDirs.cache(), HarnessInfo.toxiproxyVersion());
  }

  /** Path of the cached go-installed binary for the pinned version. */
  public Path cachedBinary() {
    return cache.resolve("toxiproxy").resolve(version).resolve("toxiproxy-server");
  }

  public Location locate() {
    String url = env.get("TOXIPROXY_URL");
    if (url != null && !url.isBlank()) {
      return new Running(url.trim());
    }
    String explicit = env.get("TOXIPROXY_SERVER");
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit.trim());
      if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
        throw new HarnessException(
            "Toxiproxy not found: TOXIPROXY_SERVER points to " + p + ", which is not an executable file;"
                + " fix the path, or unset it to use toxiproxy-server on PATH or a go-installed one.");
      }
      return new Binary(p, "TOXIPROXY_SERVER");
    }
    Optional<Path> onPath = findOnPath("toxiproxy-server");
    if (onPath.isPresent()) {
      return new Binary(onPath.get(), "PATH");
    }
    Path cached = cachedBinary();
    if (Files.isExecutable(cached)) {
      return new Binary(cached, "cache", version);
    }
    Optional<Path> go = findOnPath("go");
    if (go.isPresent() && !"1".equals(env.get("REDIS_RACE_NO_GO_INSTALL"))) {
      return new Binary(goInstall(go.get()), "go install", version);
    }
    throw new HarnessException(
        "Toxiproxy not found: set TOXIPROXY_URL to a running server, TOXIPROXY_SERVER to a toxiproxy-server binary,"
            + " put toxiproxy-server on PATH, or install Go so the harness can build " + version + " itself.");
  }

  private Optional<Path> findOnPath(String name) {
    String path = env.getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(dir -> Path.of(dir, name))
        .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
        .findFirst();
  }

  /** Builds the pinned release with the Go toolchain, into the cache, atomically. */
  private Path goInstall(Path go) {
    Path target = cachedBinary();
    try {
      Files.createDirectories(target.getParent());
      Path gobin = Files.createTempDirectory(target.getParent(), "gobin-");
      String module = HarnessInfo.toxiproxyModule() + "@" + version;
      System.err.println("[redis-race] building toxiproxy-server " + version + " with go install (once, cached in " + target.getParent() + ")");
      ProcessBuilder pb = new ProcessBuilder(go.toString(), "install", module).redirectErrorStream(true);
      pb.environment().putAll(env);
      pb.environment().put("GOBIN", gobin.toString());
      pb.environment().putIfAbsent("HOME", System.getProperty("user.home"));
      Path log = target.getParent().resolve("go-install.log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new HarnessException("Toxiproxy not found: go install of " + module + " took over 10 minutes; see " + log + ".");
      }
      Path built = gobin.resolve("server");
      if (p.exitValue() != 0 || !Files.isExecutable(built)) {
        throw new HarnessException(
            "Toxiproxy not found: go install " + module + " failed (" + firstLine(log) + "); set TOXIPROXY_SERVER instead.");
      }
      RunDir.moveAtomically(built, target);
      HarnessDirs.deleteTree(gobin);
      return target;
    } catch (IOException e) {
      throw new HarnessException("Toxiproxy not found: could not run go install (" + e.getMessage() + ").");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while building toxiproxy-server.");
    }
  }

  private static String firstLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
    } catch (IOException e) {
      return "no log";
    }
  }
}
