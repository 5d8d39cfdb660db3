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
 * of a trial, with a loader held at a gate, with eight loader processes of one trial running, or
 * with a PostgreSQL server as the source; afterwards none of its loaders, its redis-server, its
 * toxiproxy-server or its SQL server is alive.
 */
@Timeout(240)
class ChaosSigtermIntegrationTests {
  @TempDir Path tmp;

  @Test
  void sigtermMidRunLeavesNoProcessBehind() throws Exception {
    // sigstop on client-name-lock with a competitor: each trial holds its loader for a while.
    sigtermWhen(1, "run", "--variants", "client-name-lock", "--faults", "sigstop,slow_close,latency", "--trials", "40");
  }

  @Test
  void sigtermWithEightLoaderProcessesMidTrialLeavesNoneBehind() throws Exception {
    // Eight loaders of one fault-free trial: A and seven competitors, each a JVM of its own.
    sigtermWhen(8, "run", "--variants", "client-name-lock", "--faults", "none", "--concurrency", "off", "--loaders", "8",
        "--trials", "20", "--parallel", "1");
  }

  @Test
  void sigtermWithAPostgresSourceLeavesNoServerBehind() throws Exception {
    // The run's PostgreSQL server (postmaster and its backends) goes too.
    sigtermWhen(1, List.of("bin/postgres "), "run", "--variants", "fenced", "--faults", "sigstop,slow_close", "--source", "postgres",
        "--trials", "40");
  }

  private void sigtermWhen(int loaders, String... args) throws Exception {
    sigtermWhen(loaders, List.of(), args);
  }

  /**
   * Starts the chaos jar with {@code args}, waits until {@code loaders} loader JVMs (and a process
   * matching each of {@code servers}) are up mid-trial, sends SIGTERM.
   */
  private void sigtermWhen(int loaders, List<String> servers, String... args) throws Exception {
    Path jar = ChaosJar.path();
    Path log = tmp.resolve("chaos.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--out", tmp.resolve("runs").toString()));
    Process chaos = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      ProcessHandle self = chaos.toHandle();
      List<ProcessHandle> tree = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      // Wait until the run is in a trial: the loader JVMs, redis-server and toxiproxy-server are all up.
      while (System.nanoTime() < deadline) {
        tree = self.descendants().toList();
        List<ProcessHandle> now = tree;
        if (count(tree, "LoaderMain") >= loaders && has(tree, "redis-server") && has(tree, "toxiproxy")
            && servers.stream().allMatch(f -> has(now, f)) && Files.readString(log).contains("chaos quick")) {
          break;
        }
        Thread.sleep(20);
      }
      assertThat(count(tree, "LoaderMain")).as("loaders running; log:%n%s", Files.readString(log)).isGreaterThanOrEqualTo(loaders);
      assertThat(has(tree, "redis-server")).isTrue();
      assertThat(has(tree, "toxiproxy")).isTrue();
      for (String server : servers) {
        assertThat(has(tree, server)).as(server).isTrue();
      }

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

  static long count(List<ProcessHandle> tree, String fragment) {
    // the JVMs themselves, not the reapers whose arguments name them too
    return tree.stream().filter(p -> p.info().command().orElse("").endsWith("java") && describe(p).contains(fragment)).count();
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
