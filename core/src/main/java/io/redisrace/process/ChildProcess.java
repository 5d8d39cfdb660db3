package io.redisrace.process;

import io.redisrace.HarnessException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An OS process started by the harness that cannot outlive the JVM that started it.
 *
 * <p>Three layers make sure of that:
 * <ol>
 *   <li>{@link #close()} stops the process (SIGTERM, then SIGKILL after a grace period);</li>
 *   <li>a JVM shutdown hook closes every live child (SIGTERM / Ctrl-C of the JVM, System.exit);</li>
 *   <li>the process runs under a tiny bash <em>reaper</em> that holds the read end of a pipe whose
 *       write end only this JVM has (the child's stdin). When the JVM dies for any reason, SIGKILL
 *       included, the pipe closes, the reaper reads EOF and kills the child.</li>
 * </ol>
 * The real child's pid (not the reaper's) is {@link #pid()}, so that faults like SIGSTOP hit it.
 */
public final class ChildProcess implements AutoCloseable {

  private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(ChildProcess::kill), "redis-race-reaper"));
  }

  /**
   * The reaper. $1.. is the command. It writes the child's pid to $REAPER_PIDFILE, waits for either
   * the child to exit or its own stdin to reach EOF (JVM closed it or died), and in the second case
   * stops the child: SIGTERM, then SIGKILL after REAPER_GRACE_DS tenths of a second. The wait is a
   * loop of {@code read -t} on stdin while the child lives, not {@code wait -n child watcher}: bash
   * 5.2's {@code wait -n} ignores a child that ended before it was called, so a program that ended
   * at once (a command not found) kept its reaper waiting for EOF and its exit code was lost.
   */
  private static final String REAPER_SCRIPT =
      String.join(
          "\n",
          "exec 3<&0 0</dev/null",
          "\"$@\" 3<&- &",
          "child=$!",
          "echo \"$child\" > \"$REAPER_PIDFILE.tmp\" && mv \"$REAPER_PIDFILE.tmp\" \"$REAPER_PIDFILE\"",
          "trap 'kill -KILL $child 2>/dev/null; exit 143' TERM INT HUP",
          "while kill -0 $child 2>/dev/null; do",
          "  read -r -t 0.1 -u 3 _; rc=$?",
          "  if [ $rc -ne 0 ] && [ $rc -le 128 ]; then",
          "    kill -CONT $child 2>/dev/null; kill -TERM $child 2>/dev/null",
          "    i=0; while kill -0 $child 2>/dev/null && [ $i -lt ${REAPER_GRACE_DS:-50} ]; do sleep 0.1; i=$((i+1)); done",
          "    kill -KILL $child 2>/dev/null",
          "    break",
          "  fi",
          "done",
          "exec 3<&-",
          "wait $child",
          "exit $?");

  private final String name;
  private final Process reaper;
  private final long pid;
  /**
   * The child as it was at start: the JDK checks its start time before it signals, so a pid the
   * system gave to another process after the child ended is never hit. Pids are reused within
   * seconds on a busy machine (pid_max 32768): killing {@code ProcessHandle.of(pid)} later SIGKILLed
   * whatever ran under that number, such as another harness JVM, which then died without a word.
   */
  private final Optional<ProcessHandle> handle;
  private final Path log;

  private ChildProcess(String name, Process reaper, long pid, Path log) {
    this.name = name;
    this.reaper = reaper;
    this.pid = pid;
    this.handle = ProcessHandle.of(pid); // the reaper has not waited for it yet: it is our child, alive or a zombie
    this.log = log;
  }

  /**
   * Starts {@code command} under the reaper, stdout and stderr appended to {@code log}.
   *
   * @param name  short name for messages ("redis-server 2.8 on port 6379")
   * @param env   extra environment variables
   */
  public static ChildProcess start(String name, List<String> command, Path workDir, Path log, Map<String, String> env) {
    try {
      Files.createDirectories(workDir);
      Files.createDirectories(log.toAbsolutePath().getParent());
      Path pidFile = Files.createTempFile(workDir, "child-", ".pid");
      Files.delete(pidFile);
      List<String> argv = new ArrayList<>(List.of("bash", "-c", REAPER_SCRIPT, "reaper"));
      argv.addAll(command);
      ProcessBuilder pb = new ProcessBuilder(argv).directory(workDir.toFile());
      pb.environment().putAll(env);
      pb.environment().put("REAPER_PIDFILE", pidFile.toString());
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      Process reaper = pb.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!Files.exists(pidFile)) {
        if (!reaper.isAlive() || System.nanoTime() > deadline) {
          reaper.destroyForcibly();
          throw new HarnessException(name + " could not be started (see " + log + ").");
        }
        Thread.sleep(5);
      }
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      Files.deleteIfExists(pidFile);
      ChildProcess child = new ChildProcess(name, reaper, pid, log);
      LIVE.add(child);
      return child;
    } catch (IOException e) {
      throw new HarnessException("Could not start " + name + ": " + e.getMessage() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while starting " + name + ".", e);
    }
  }

  /** The pid of the real child process (not of its reaper). */
  public long pid() {
    return pid;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public boolean isAlive() {
    return handle.map(ProcessHandle::isAlive).orElse(false) && reaper.isAlive();
  }

  /** Exit code of the child once it has ended, empty while it runs. */
  public Optional<Integer> exitCode() {
    return reaper.isAlive() ? Optional.empty() : Optional.of(reaper.exitValue());
  }

  /** Waits for the child to exit by itself; returns its exit code, or empty on timeout. */
  public Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
    return reaper.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(reaper.exitValue()) : Optional.empty();
  }

  /** Sends a signal (KILL, STOP, CONT, TERM, ...) to the real child. */
  public void signal(String signal) {
    if (!reaper.isAlive()) {
      return; // the reaper has reaped the child: its pid may be another process's by now
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("kill -" + signal + " " + pid + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last lines of the child's log, for error messages. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the child gracefully (SIGTERM, SIGKILL after 5 s) and waits until it is gone. */
  @Override
  public void close() {
    LIVE.remove(this);
    try (OutputStream pipe = reaper.getOutputStream()) {
      pipe.flush();
    } catch (IOException ignored) {
      // already closed: the reaper has seen EOF
    }
    try {
      if (!reaper.waitFor(10, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** Stops the child at once (used by the shutdown hook). */
  void kill() {
    LIVE.remove(this);
    handle.ifPresent(ProcessHandle::destroyForcibly);
    reaper.destroy();
    try {
      if (!reaper.waitFor(2, TimeUnit.SECONDS)) {
        reaper.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Children started by this JVM that are still running (for leak checks in tests). */
  public static Set<ChildProcess> live() {
    return Set.copyOf(LIVE);
  }

  @Override
  public String toString() {
    return name + " (pid " + pid + ")";
  }
}
