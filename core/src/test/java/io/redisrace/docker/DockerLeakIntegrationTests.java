package io.redisrace.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No container outlives the JVM that started it, Ryuk or not: a real CLI run on the docker backend
 * (a hunt on the redis:2.8.19 image through a Toxiproxy container, so both kinds of container are
 * up) is interrupted with SIGTERM (shutdown hook path) or SIGKILL (no hook runs: the watchdog's
 * pipe closes and it removes the session's containers), and every container it had is gone. A run
 * that fails with its containers open (an assertion error escaping, as in a broken test) leaves
 * none behind either.
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Pdocker -Dit.test=DockerLeakIntegrationTests}
 */
@EnabledIfSystemProperty(named = "harness.backend", matches = "docker", disabledReason = "docker backend only: mvn verify -Pdocker")
class DockerLeakIntegrationTests {

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "KILL"})
  void interruptedDockerRunLeavesNoContainerBehind(String signal) throws Exception {
    List<String> before = DockerEnvironment.harnessContainers();
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.add("-D" + DockerNetworkMode.PROPERTY + "=" + DockerEnvironment.networkMode().id());
    cmd.addAll(List.of("-jar", Path.of("target", "redis-race.jar").toString(), "hunt", "--backend", "docker", "--server", "2.8",
        "--variant", "lua", "--via-toxiproxy", "--duration", "90s", "--threads", "1", "-q"));
    Process cli = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null && !line.startsWith("via proxy")) {
        seen.append(line).append('\n'); // wait until both containers are up and the hunt runs
      }
      assertThat(line).as("the hunt started through toxiproxy; output was:%n%s", seen).isNotNull();
      List<String> started = new ArrayList<>(DockerEnvironment.harnessContainers());
      started.removeAll(before);
      assertThat(started).as("the redis and toxiproxy containers of the CLI").hasSize(2);

      new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).start().waitFor(5, TimeUnit.SECONDS);
      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as("the CLI exits after SIG%s", signal).isTrue();
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(DockerEnvironment.harnessContainers()).doesNotContainAnyElementsOf(started));
    } finally {
      cli.destroyForcibly();
    }
  }

  @Test
  void aRunThatFailsWithItsContainersOpenLeavesNoneBehind() throws Exception {
    List<String> before = DockerEnvironment.harnessContainers();
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.add("-D" + DockerNetworkMode.PROPERTY + "=" + DockerEnvironment.networkMode().id());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), FailingDockerRun.class.getName()));
    Process run = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      String line;
      List<String> started = List.of();
      while ((line = out.readLine()) != null) {
        seen.append(line).append('\n');
        if (line.equals("up")) {
          started = new ArrayList<>(DockerEnvironment.harnessContainers());
          started.removeAll(before);
        }
      }
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as("the failing run ends").isTrue();
      assertThat(run.exitValue()).as("it failed; output:%n%s", seen).isNotZero();
      assertThat(seen).contains("AssertionError: expected the counter to be 2 but was 1");
      assertThat(started).as("its redis and toxiproxy containers were up; output:%n%s", seen).hasSize(2);
      List<String> up = started;
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(DockerEnvironment.harnessContainers()).doesNotContainAnyElementsOf(up));
    } finally {
      run.destroyForcibly();
    }
  }
}
