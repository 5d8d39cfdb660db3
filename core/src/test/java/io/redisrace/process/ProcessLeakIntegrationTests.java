package io.redisrace.process;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No redis-server or toxiproxy-server outlives the JVM that started it: a real CLI run (a hunt
 * through Toxiproxy, so both kinds of server are up) is interrupted with SIGTERM (shutdown hook
 * path) or SIGKILL (reaper-pipe path, no hook runs), and every server process it had is gone; the
 * same for the Sentinel topology ({@code redis-race server --topology sentinel}) and Redis Cluster
 * ({@code redis-race server --topology cluster}).
 */
class ProcessLeakIntegrationTests {

  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "KILL", "INT"})
  void interruptedRunLeavesNoServerBehind(String signal) throws Exception {
    assertNothingOutlives(signal, "via proxy", "redis-server and toxiproxy-server under the CLI", 2,
        "hunt", "--server", "2.8", "--variant", "lua", "--via-toxiproxy", "--duration", "90s", "--threads", "1", "-q");
  }

  /** The Sentinel topology: three nodes, three Sentinels and toxiproxy-server, stopped once healthy. */
  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "KILL"})
  void stoppedSentinelTopologyLeavesNoProcessBehind(String signal) throws Exception {
    assertNothingOutlives(signal, "redis-race: Sentinel topology", "three nodes, three Sentinels and toxiproxy-server", 7,
        "server", "--topology", "sentinel", "--server", "7.0", "--for", "90s");
  }

  /** Redis Cluster: six nodes and toxiproxy-server, stopped once cluster_state:ok. */
  @ParameterizedTest(name = "SIG{0}")
  @ValueSource(strings = {"TERM", "KILL"})
  void stoppedClusterLeavesNoProcessBehind(String signal) throws Exception {
    assertNothingOutlives(signal, "redis-race: cluster of Redis", "six cluster nodes and toxiproxy-server", 7,
        "server", "--topology", "cluster", "--server", "7.0", "--for", "90s");
  }

  /**
   * Runs the CLI with {@code args} until it prints a line starting with {@code ready}, checks that
   * {@code count} server processes run under it, sends SIG{@code signal} and waits until all are gone.
   */
  private static void assertNothingOutlives(String signal, String ready, String what, int count, String... args) throws Exception {
    // perl (Debian's essential perl-base) resets SIGINT to its default before it execs the CLI (same
    // pid): a build started as a background job of a non-interactive shell inherits SIGINT ignored,
    // the JVM then installs no SIGINT handler, and the SIGINT case would test the way the build was
    // started instead of the CLI's shutdown.
    List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die", "--",
        ProcessHandle.current().info().command().orElse("java"), "-jar", Path.of("target", "redis-race.jar").toString()));
    command.addAll(List.of(args));
    Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith(ready)) {
        // wait until every server is up and the run goes on
      }
      assertThat(line).as("the CLI got to '%s'", ready).isNotNull();
      List<ProcessHandle> servers = cli.descendants()
          .filter(p -> p.info().command().map(c -> c.contains("redis-server") || c.contains("toxiproxy-server")).orElse(false))
          .toList();
      assertThat(servers).as(what).hasSize(count);

      new ProcessBuilder("kill", "-" + signal, Long.toString(cli.pid())).start().waitFor(5, TimeUnit.SECONDS);
      assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as("the CLI exits after SIG%s", signal).isTrue();
      await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(servers).noneMatch(ProcessHandle::isAlive));
    } finally {
      cli.descendants().forEach(ProcessHandle::destroyForcibly);
      cli.destroyForcibly();
    }
  }
}
