package io.redisrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.process.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shaded CLI, {@code core/target/redis-race.jar}, run as a user runs it: a real JVM, real exit
 * codes, real stderr.
 */
class CliIntegrationTests {

  record Run(int exit, String out, String err) {}

  static Path cliJar() {
    Path jar = Path.of("target", "redis-race.jar");
    assertThat(jar).as("failsafe runs after package, so the CLI jar exists").exists();
    return jar;
  }

  static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElse("java"), "-jar", cliJar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    Path out = Files.createTempFile("cli-out", ".txt");
    Path err = Files.createTempFile("cli-err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("CLI did not finish in 120 s: " + String.join(" ", args));
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void huntFindsTheMultiRaceOnRedis28AndPrintsTheFigures() throws Exception {
    Run r = run(Map.of(), "hunt", "--server", "2.8", "--variant", "multi", "--client", "jedis", "--ttl-ms", "1",
        "--duration", "20s", "--threads", "4", "--keys", "1", "--stop-after", "1");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("server=2.8 (Redis 2.8.19", "ops/s", "key creations", "TTL-less (in-band)", "TTL-less (audit)",
        "per million ops (95% CI");
    assertThat(r.out()).containsPattern("TTL-less \\(in-band\\)\\s+[1-9]");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown variant | --variant=multii | Unknown variant 'multii'; use one of naive, pipeline, multi, lua, watch-retry, multi-heal, lua-heal",
      "unknown client | --client=redisson | Unknown client 'redisson'; use one of jedis, jedis-retry, lettuce, lettuce-at-most-once.",
      "unknown server | --server=9.9 | Unknown server '9.9'; use one of 2.8, 6.2, 7.0, system, a version id such as 6.0.9 or valkey-9.1.2 (redis-race servers lists them), embedded:<one of those>, an external server as redis://host:port, or an image as docker:redis:<tag>.",
      "unknown backend | --backend=podman | Unknown backend 'podman'; use one of embedded, docker, external or auto.",
      "unpinned image | --server=docker:redis:latest | Image 'redis:latest' is not pinned; name a version tag (docker:redis:7.4), never latest.",
      "external backend | --backend=external | The external backend starts no server, so '2.8' cannot run; pass --server redis://host:port.",
      "negative duration | --duration=-5s | The duration must be positive (like 20s or 2m), not '-5s'.",
      "bad duration | --duration=soon | 'soon' is not a duration; write it like 500ms, 20s, 2m or 1h.",
      "zero threads | --threads=0 | --threads must be between 1 and 256, not 0.",
      "multi-heal on 2.8 | --variant=multi-heal | Variant multi-heal needs PEXPIRE ... NX, which Redis 2.8.19 lacks (7.0 or newer required); use lua-heal on this server.",
      "unknown flag | --frobnicate | Unknown option: '--frobnicate'."})
  void badInputIsOneSentenceAndExitCodeTwo(String what, String arg, String expected) throws Exception {
    Run r = run(Map.of(), "hunt", "--duration=1s", arg); // default server: 2.8
    assertOneSentence(r, expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a fault on one server | --topology=single --fault=minority-primary | --fault, --persistence and --run-dir apply to --topology sentinel; one server has no topology to strike.",
      "unknown fault | --topology=sentinel --server=7.0 --fault=primary-nap | Unknown topology fault 'primary-nap'; use one of primary-crash-restart, primary-crash-failover, primary-pause, forced-failover, minority-primary, peer-lag.",
      "unknown topology | --topology=ring | Unknown topology 'ring'; use one of single, sentinel, cluster.",
      "sentinel on 2.8 | --topology=sentinel --fault=minority-primary | Topology sentinel needs Redis 5.0 or later (REPLICAOF, SENTINEL REPLICAS and replica-announce-ip/port are 5.0), so it cannot run on 2.8 (Redis 2.8.19); use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "sentinel on an image | --topology=sentinel --server=docker:redis:7.4 | Topology sentinel starts its own processes from a shipped or installed binary, so it cannot run on docker:redis:7.4; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "sentinel on a URL | --topology=sentinel --server=redis://127.0.0.1:1 | Topology sentinel starts its own processes from a shipped or installed binary, so it cannot run on redis://127.0.0.1:1; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "sentinel on an old installed version | --topology=sentinel --server=3.2.6 | Topology sentinel needs Redis 5.0 or later (REPLICAOF, SENTINEL REPLICAS and replica-announce-ip/port are 5.0), so it cannot run on 3.2.6; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "short TTL under a fault | --topology=sentinel --server=7.0 --fault=minority-primary --ttl-ms=20 | Under --fault --ttl-ms must be at least 60000, so that no key expires on its own during the hunt."})
  void badTopologyInputIsOneSentenceAndExitCodeTwo(String what, String args, String expected) throws Exception {
    List<String> argv = new ArrayList<>(List.of("hunt", "--duration=1s"));
    argv.addAll(List.of(args.split(" ")));
    assertOneSentence(run(Map.of(), argv.toArray(String[]::new)), expected);
  }

  @Test
  void unreachableExternalServer() throws Exception {
    int closed = Ports.freePort();
    Run r = run(Map.of(), "hunt", "--server", "redis://127.0.0.1:" + closed, "--duration", "1s");
    assertOneSentence(r, "Cannot reach the external Redis server at redis://127.0.0.1:" + closed + "; start it or pass another --server.");
  }

  @Test
  void toxiproxyNotFound() throws Exception {
    Run r = run(Map.of("TOXIPROXY_SERVER", "/nonexistent/toxiproxy-server"), "hunt", "--server", "2.8", "--duration", "1s", "--via-toxiproxy");
    assertOneSentence(r, "Toxiproxy not found: TOXIPROXY_SERVER points to /nonexistent/toxiproxy-server, which is not an executable file;");
  }

  @Test
  void serverRunsAShippedRedisUntilItsBoundAndThenStopsIt() throws Exception {
    int port = Ports.freePort();
    Run r = run(Map.of(), "server", "--server", "7.0", "--port", Integer.toString(port), "--for", "2s");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("redis-race: Redis 7.0.15 at 127.0.0.1:" + port + " (stops after 2s or Ctrl-C)" + System.lineSeparator())
        .contains("redis-race: stopped after 2s.");
    assertThat(Ports.accepts(Ports.LOOPBACK, port, 500)).as("the server is gone with the CLI").isFalse();
  }

  @Test
  void serverStopsOnSigtermLongBeforeItsBound() throws Exception {
    int port = Ports.freePort();
    List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", cliJar().toString(),
        "server", "--port", Integer.toString(port), "--for", "10m");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(lines.readLine()).isEqualTo("redis-race: Redis 7.0.15 at 127.0.0.1:" + port + " (stops after 10m or Ctrl-C)");
      assertThat(Ports.accepts(Ports.LOOPBACK, port, 2000)).as("the server answers while the CLI runs").isTrue();
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(Ports.accepts(Ports.LOOPBACK, port, 500)).as("SIGTERM stopped the server too").isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown topology | --topology=ring | --server=7.0 | Unknown topology 'ring'; use one of single, sentinel, cluster.",
      "cluster on 2.8 | --topology=cluster | --server=2.8 | Topology cluster needs Redis 5.0 or later (cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0), so it cannot run on 2.8 (Redis 2.8.19); use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "cluster on an old installed version | --topology=cluster | --server=3.0.5 | Topology cluster needs Redis 5.0 or later (cluster-announce-bus-port is 4.0, the replica-* settings and CLUSTER REPLICAS are 5.0), so it cannot run on 3.0.5; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "cluster on an image | --topology=cluster | --server=docker:valkey/valkey:8.0 | redis-race server starts a local server: use --server 2.8, 6.2, 7.0, system or an installed version such as 7.2.4, not 'docker:valkey/valkey:8.0'.",
      "sentinel on system | --topology=sentinel | --server=system | Topology sentinel starts its own processes from a shipped or installed binary, so it cannot run on system; use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "cluster with a port | --topology=cluster | --port=7000 | --port applies to --topology single; the cluster topology takes free ports.",
      "sentinel on 2.8 | --topology=sentinel | --server=2.8 | Topology sentinel needs Redis 5.0 or later (REPLICAOF, SENTINEL REPLICAS and replica-announce-ip/port are 5.0), so it cannot run on 2.8 (Redis 2.8.19); use --server 6.2, 7.0 or an installed version of 5.0 or later such as 7.2.4 or valkey-9.1.2.",
      "unknown persistence | --persistence=rdb | --topology=sentinel | Unknown persistence mode 'rdb'; use one of none, aof-everysec, aof-always."})
  void badTopologyInputIsOneSentenceAndExitCodeTwo(String what, String arg, String other, String expected) throws Exception {
    Run r = run(Map.of(), "server", "--for=2s", arg, other);
    assertOneSentence(r, expected);
  }

  /** A version of the atlas that is not in the cache (an empty one here) is named with the command that installs it, before anything starts. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "server | --topology=cluster | --server=7.2.4 | 7.2.4",
      "server | --topology=sentinel | --server=valkey-9.1.2 | valkey-9.1.2",
      "hunt | --topology=sentinel | --server=6.0.9 | 6.0.9",
      "hunt | --server=cluster:valkey-8.1.8 | --ops=10 | valkey-8.1.8"})
  void aTopologyOnAVersionNotInstalledNamesTheInstallCommand(String command, String arg, String other, String id, @TempDir Path emptyCache)
      throws Exception {
    Run r = run(Map.of("REDIS_RACE_CACHE", emptyCache.toString()), command, arg, other, command.equals("server") ? "--for=2s" : "--duration=1s");
    assertOneSentence(r, "Server " + id + " is not installed; run redis-race servers --install " + id + " first.");
  }

  @Test
  void serverOnATakenPortIsOneSentence() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(Ports.LOOPBACK))) {
      Run r = run(Map.of(), "server", "--port", Integer.toString(taken.getLocalPort()), "--for", "5s");
      assertOneSentence(r, "Port " + taken.getLocalPort() + " on 127.0.0.1 is already in use; pass another --port or stop what listens there.");
    }
  }

  private static void assertOneSentence(Run r, String expected) {
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isEqualTo(2);
    List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
    assertThat(lines).as("stderr is one line").hasSize(1);
    assertThat(lines.get(0)).startsWith("redis-race: ").contains(expected);
    assertThat(r.err()).doesNotContain("\tat ", "Exception");
  }
}
