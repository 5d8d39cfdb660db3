package io.redisrace.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The run directory, {@code results/runs/<timestamp>/}: the names of the files a run writes there,
 * and the one atomic writer that every file of the harness goes through (run files, reports,
 * baselines, extracted binaries, generated tables): a temp file in the target's directory, its
 * permissions, then a rename over the target, so a reader sees the old file or the new one, never
 * half of one.
 */
public final class RunDir {
  /** Mode, include, machine, JVM, server versions and skipped cells of a benchmark run. */
  public static final String RUN = "run.json";
  /** Every counter benchmark cell, JMH's own JSON format. */
  public static final String JMH = "jmh.json";
  /** redis-benchmark's EVALSHA throughput, the harness overhead reference. */
  public static final String OVERHEAD = "overhead.json";
  /** The chaos matrix or hunt. */
  public static final String CHAOS = "chaos.json";
  /** The version atlas: per server version, the race hunt of every variant and the EXEC trigger. */
  public static final String ATLAS = "atlas.json";
  /** Counters under failover: per variant, fault and persistence, the lost increments and TTL-less keys of a hunt. */
  public static final String COUNTER_FAILOVER = "counter-failover.json";
  /** An A/B comparison of two builds. */
  public static final String AB = "ab.json";
  /** The noise check's runs and rates. */
  public static final String NOISE = "noise.json";
  /** The report in Bencher's metric format. */
  public static final String BENCHER = "bencher.json";
  /** The report in github-action-benchmark's format. */
  public static final String BENCHMARK_ACTION = "benchmark-action.json";
  /** {@code results/latest}: the newest run (a symbolic link, or a copy where there are none). */
  public static final String LATEST = "latest";

  /** Permissions of a written file. */
  public static final String READABLE = "rw-r--r--";
  /** Permissions of an extracted binary. */
  public static final String EXECUTABLE = "rwxr-xr-x";

  private RunDir() {}

  /** Fills the temp file that will become the target. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Path tmp) throws IOException;
  }

  /**
   * Writes {@code target} atomically: {@code content} fills a temp file in the same directory
   * (created if missing), which gets {@code permissions} (where the file system has them) and is
   * renamed over {@code target}. On failure the temp file is removed and the target left as it was.
   */
  public static Path write(Path given, String permissions, Content content) throws IOException {
    Path target = given.toAbsolutePath().normalize(); // printed as written: no /x/jmh/../results
    Path dir = target.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    try {
      content.writeTo(tmp);
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(permissions));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system
      }
      moveAtomically(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /** {@link #write(Path, String, Content)} of a readable file. */
  public static Path write(Path target, Content content) throws IOException {
    return write(target, READABLE, content);
  }

  public static Path writeString(Path target, String text) throws IOException {
    return write(target, tmp -> Files.writeString(tmp, text));
  }

  /** {@code value} as JSON, the way {@code mapper} writes it. */
  public static Path writeJson(Path target, ObjectMapper mapper, Object value) throws IOException {
    return write(target, tmp -> mapper.writeValue(tmp.toFile(), value));
  }

  /** A copy of {@code source}, put in place atomically. */
  public static Path copy(Path source, Path target) throws IOException {
    return write(target, tmp -> Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING));
  }

  /** Renames {@code tmp} over {@code target} atomically where the file system allows it. */
  public static void moveAtomically(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Points {@code results/latest} at {@code runDir}: a relative symbolic link, swapped in with one
   * rename; where there are no symbolic links, a copy of the run's files.
   */
  public static Path pointLatest(Path results, Path runDir) throws IOException {
    Path latest = results.resolve(LATEST);
    Path tmp = results.resolve(".latest-" + ProcessHandle.current().pid());
    Files.deleteIfExists(tmp);
    try {
      Files.createSymbolicLink(tmp, results.toAbsolutePath().relativize(runDir.toAbsolutePath()));
      if (Files.isDirectory(latest) && !Files.isSymbolicLink(latest)) {
        HarnessDirs.deleteTree(latest);
      }
      Files.move(tmp, latest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (UnsupportedOperationException | IOException e) {
      Files.deleteIfExists(tmp);
      HarnessDirs.deleteTree(latest);
      Files.createDirectories(latest);
      try (var files = Files.list(runDir)) {
        for (Path f : files.toList()) {
          Files.copy(f, latest.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    return latest;
  }
}
