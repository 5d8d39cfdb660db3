package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is left behind: a chaos JVM (the shaded jar, as a user runs it) gets SIGTERM in the middle
 * of a trial, with a loader held at a gate; afterwards none of its loaders, its redis-server or its
 * toxiproxy-server is alive.
 */
@Timeout(240)
class ChaosSigtermIntegrationTests {
  @TempDir Path tmp;

  @Test
  void sigtermMidRunLeavesNoProcessBehind() throws Exception {
    Path jar = Path.of(System.getProperty("chaos.jar", "target/redis-race-chaos.jar"));
    assertThat(jar).exists();
    Path log = tmp.resolve("chaos.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // sigstop on client-name-lock with a competitor: each trial holds its loader for a while.
    Process chaos = new ProcessBuilder(java, "-jar", jar.toString(), "run", "--variants", "client-name-lock",
        "--faults", "sigstop,slow_close,latency", "--trials", "40", "--out", tmp.resolve("runs").toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      ProcessHandle self = chaos.toHandle();
      List<ProcessHandle> tree = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      // Wait until the run is in a trial: a loader JVM, redis-server and toxiproxy-server are all up.
      while (System.nanoTime() < deadline) {
        tree = self.descendants().toList();
        if (has(tree, "LoaderMain") && has(tree, "redis-server") && has(tree, "toxiproxy")
            && Files.readString(log).contains("chaos quick")) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(has(tree, "LoaderMain")).as("a loader was running; log:%n%s", Files.readString(log)).isTrue();
      assertThat(has(tree, "redis-server")).isTrue();
      assertThat(has(tree, "toxiproxy")).isTrue();

      chaos.destroy(); // SIGTERM
      assertThat(chaos.waitFor(60, TimeUnit.SECONDS)).as("chaos JVM exited").isTrue();

      long gone = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < gone) {
        Thread.sleep(50);
      }
      assertThat(tree.stream().filter(ProcessHandle::isAlive).map(ChaosSigtermIntegrationTests::describe).toList())
          .as("processes left behind").isEmpty();
    } finally {
      chaos.destroyForcibly();
    }
  }

  static boolean has(List<ProcessHandle> tree, String fragment) {
    return tree.stream().anyMatch(p -> describe(p).contains(fragment));
  }

  static String describe(ProcessHandle p) {
    ProcessHandle.Info i = p.info();
    return p.pid() + " " + i.command().orElse("?") + " " + String.join(" ", i.arguments().orElse(new String[0]))
        .replace(File.pathSeparator, " ");
  }
}
