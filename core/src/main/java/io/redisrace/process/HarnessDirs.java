package io.redisrace.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the harness keeps files.
 *
 * <ul>
 *   <li>cache ({@code $REDIS_RACE_CACHE}, else {@code $XDG_CACHE_HOME/redis-race}, else
 *       {@code ~/.cache/redis-race}): extracted redis binaries, the go-installed toxiproxy-server;</li>
 *   <li>scratch ({@code java.io.tmpdir/redis-race-<user>}): per-process working dirs and logs,
 *       removed when the process is closed.</li>
 * </ul>
 */
public final class HarnessDirs {
  private HarnessDirs() {}

  public static Path cache() {
    String explicit = System.getenv("REDIS_RACE_CACHE");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("redis-race");
  }

  public static Path scratch() {
    return Path.of(System.getProperty("java.io.tmpdir"), "redis-race-" + System.getProperty("user.name"));
  }

  /** A new, empty working dir under scratch, named with the prefix. */
  public static Path newWorkDir(String prefix) {
    try {
      Files.createDirectories(scratch());
      return Files.createTempDirectory(scratch(), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a classpath resource to an executable file in the cache, once (atomic rename). */
  public static Path extractExecutable(String resource) {
    Path target = cache().resolve("bin").resolve(resource);
    try (InputStream in = HarnessDirs.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource " + resource + " is not on the classpath");
      }
      byte[] bytes = in.readAllBytes();
      if (Files.isExecutable(target) && Files.size(target) == bytes.length) {
        return target;
      }
      return RunDir.write(target, RunDir.EXECUTABLE, tmp -> Files.write(tmp, bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("could not extract " + resource + " to " + target, e);
    }
  }

  /** Deletes a directory tree, ignoring what cannot be deleted. */
  public static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** The first executable named {@code name} on PATH. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Stream.of(path.split(File.pathSeparator))
        .filter(s -> !s.isBlank())
        .map(dir -> Path.of(dir, name))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
