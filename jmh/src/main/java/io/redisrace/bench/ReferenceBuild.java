package io.redisrace.bench;

import io.redisrace.HarnessException;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.RunDir;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds the benchmarks jar of a git ref, for the A side of a same-run A/B comparison: a
 * {@code git worktree} of the commit under the repository's {@code target/}, {@code mvn package}
 * of the jmh module there, the jar kept in the harness cache under the commit id
 * ({@code ~/.cache/redis-race/ab/<sha>/benchmarks.jar}, so a second run against the same commit
 * does not build again), and the worktree removed afterwards whatever happened.
 */
final class ReferenceBuild {
  private ReferenceBuild() {}

  /** The ref as given, the commit it names, and its benchmarks jar. */
  record Built(String ref, String commit, Path jar) {}

  static Built build(Path repo, String ref, String mvn, boolean offline, PrintStream log) {
    String commit = git(repo, "rev-parse", "--verify", "--quiet", ref + "^{commit}")
        .orElseThrow(() -> new HarnessException("The reference '" + ref + "' is not a commit of the repository at " + repo
            + "; pass a branch, tag or commit id that git rev-parse knows (fetch it first in a shallow clone)."));
    Path cached = HarnessDirs.cache().resolve("ab").resolve(commit).resolve("benchmarks.jar");
    if (Files.isRegularFile(cached)) {
      log.println("ab: reference " + ref + " (" + commit.substring(0, 7) + "): benchmarks jar already built, " + cached);
      return new Built(ref, commit, cached);
    }
    Path target = repo.resolve("target");
    Path tree = target.resolve("ab-ref-" + commit.substring(0, 12) + "-" + ProcessHandle.current().pid());
    Path buildLog = target.resolve("ab-ref-" + commit.substring(0, 12) + ".log");
    log.println("ab: building the reference " + ref + " (" + commit.substring(0, 7) + ") in a git worktree, " + tree + " (log " + buildLog + ")");
    try {
      Files.createDirectories(target);
      if (git(repo, "worktree", "add", "--detach", tree.toString(), commit).isEmpty()) {
        throw new HarnessException("The reference '" + ref + "' (" + commit.substring(0, 7) + ") could not be checked out: git worktree add "
            + tree + " failed; check that " + target + " is writable.");
      }
      List<String> cmd = new ArrayList<>(List.of(mvn, "-B", "-q", "-DskipTests", "-pl", "jmh", "-am", "package"));
      if (offline) {
        cmd.add(1, "-o");
      }
      int code = run(tree, cmd, buildLog, 30);
      Path jar = tree.resolve("jmh/target/benchmarks.jar");
      if (code != 0 || !Files.isRegularFile(jar)) {
        throw new HarnessException("The reference '" + ref + "' (" + commit.substring(0, 7) + ") could not be built: "
            + String.join(" ", cmd) + (code == 0 ? " made no jmh/target/benchmarks.jar" : " exited " + code) + " (see " + buildLog + ").");
      }
      RunDir.copy(jar, cached);
      return new Built(ref, commit, cached);
    } catch (IOException e) {
      throw new HarnessException("The reference '" + ref + "' could not be built (" + e.getMessage() + ").");
    } finally {
      git(repo, "worktree", "remove", "--force", tree.toString());
      git(repo, "worktree", "prune");
      HarnessDirs.deleteTree(tree);
    }
  }

  /** The top directory of the git repository that holds {@code dir}. */
  static Path repoOf(Path dir) {
    return git(dir, "rev-parse", "--show-toplevel").map(Path::of)
        .orElseThrow(() -> new HarnessException(dir.toAbsolutePath() + " is not inside a git repository; -Dgate.against needs one (pass --repo)."));
  }

  /** stdout of a git command, stripped; empty when it failed. */
  static Optional<String> git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Runs a command in a directory, output to a log file; the exit code, or -1 after the timeout. */
  static int run(Path dir, List<String> cmd, Path logFile, int timeoutMinutes) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile())).start();
    try {
      if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return -1;
      }
      return p.exitValue();
    } catch (InterruptedException e) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
