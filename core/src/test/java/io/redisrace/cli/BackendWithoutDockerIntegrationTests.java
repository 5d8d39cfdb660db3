package io.redisrace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without Docker, {@code --backend docker} fails with one sentence (no stack trace) and
 * {@code --backend auto} falls back to the embedded binary and says so. The CLI runs in a child
 * JVM that cannot reach Docker: directly where no engine runs, else as user nobody (who may not
 * open /var/run/docker.sock) when the build runs as root.
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Dit.test=BackendWithoutDockerIntegrationTests}
 */
class BackendWithoutDockerIntegrationTests {

  @TempDir Path home;

  record Run(int exit, String out, String err) {}

  Run cli(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    boolean dockerSocket = Files.exists(Path.of("/var/run/docker.sock"));
    if (dockerSocket || System.getenv("DOCKER_HOST") != null) {
      boolean root = "root".equals(System.getProperty("user.name"));
      assumeTrue(root && Files.isExecutable(Path.of("/usr/sbin/runuser")), "Docker is reachable here and we cannot drop to a user without it");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
      cmd.addAll(List.of("/usr/sbin/runuser", "-u", "nobody", "--", "env", "-u", "DOCKER_HOST", "HOME=" + home,
          "REDIS_RACE_CACHE=" + home.resolve("cache")));
    }
    cmd.addAll(List.of(ProcessHandle.current().info().command().orElse("java"), "-Djava.io.tmpdir=" + home,
        "-jar", Path.of("target", "redis-race.jar").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    Path out = home.resolve("out.txt");
    Path err = home.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the CLI ends").isTrue();
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void dockerBackendFailsWithOneSentence() throws Exception {
    Run run = cli("hunt", "--backend", "docker", "--server", "7.0", "--ops", "10", "-q");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).as("stderr: %s", run.err()).hasSize(1);
    assertThat(run.err()).startsWith("redis-race: The docker backend needs a Docker engine, and none is reachable (")
        .contains("); start Docker (docker/ci-setup.sh does it on Debian) or use --backend embedded.")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void autoFallsBackToTheEmbeddedBinaryAndSaysSo() throws Exception {
    Run run = cli("hunt", "--backend", "auto", "--server", "docker:redis:7.0.15", "--variant", "lua", "--ops", "200", "-q");
    assertThat(run.exit()).as("stderr: %s", run.err()).isZero();
    assertThat(run.err().lines().toList()).containsExactly("[redis-race] backend auto: Docker is not reachable"
        + " (no Docker socket or DOCKER_HOST answered), so docker:redis:7.0.15 falls back to the embedded Redis 7.0.15 binary.");
    assertThat(run.out()).contains("server=7.0 (Redis 7.0.15, embedded,");
  }
}
