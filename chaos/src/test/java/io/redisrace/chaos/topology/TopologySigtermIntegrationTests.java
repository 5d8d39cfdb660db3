package io.redisrace.chaos.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.ChaosJar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Nothing of a Sentinel or cluster chaos trial is left behind: the chaos jar (as a user runs it)
 * gets SIGTERM while the partition holds ({@code minority-primary}, {@code cluster-isolate-primary}:
 * a primary's peer proxy disabled, seen through the run's own Toxiproxy API), or runs a trial whose
 * loader command fails; afterwards none of that run's redis-server nodes, Sentinels,
 * toxiproxy-server or loaders is alive.
 *
 * <p>Other builds share the machine, so a process is the run's by its own directories, not by its
 * name: the chaos JVM gets a {@code java.io.tmpdir} of the test's own, every child starts in a work
 * dir under it (a redis-server then changes to its data dir, also under it) with its reaper's
 * {@code REAPER_PIDFILE} under it in its environment.
 */
@Timeout(300)
class TopologySigtermIntegrationTests {
  private static final Pattern TOXIPROXY_PORT = Pattern.compile("toxiproxy-server .*-port (\\d+)");
  /** A data node's peer proxy ({@code node-2-peer-3}: the proxy's name and the run's proxy number). */
  /** A redis-server's own port, in its arguments ({@code --port 12345}) or its title ({@code 127.0.0.1:12345}). */
  private static final Pattern NODE_PORT = Pattern.compile("(?:--port |127\\.0\\.0\\.1:)(\\d+)");
  private static final Pattern PEER_PROXY = Pattern.compile("node-\\d+-peer(-\\d+)?");

  @TempDir Path tmp;

  /** A topology, the partition its trials run here, and its processes: data nodes and Sentinels. */
  enum Shape {
    SENTINEL("sentinel", "minority-primary", 3, 3),
    CLUSTER("cluster", "cluster-isolate-primary", 6, 0);

    final String topology;
    final String fault;
    final int dataNodes;
    final int sentinels;

    Shape(String topology, String fault, int dataNodes, int sentinels) {
      this.topology = topology;
      this.fault = fault;
      this.dataNodes = dataNodes;
      this.sentinels = sentinels;
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shape.class)
  void sigtermWhileThePrimaryIsCutLeavesNoProcessBehind(Shape shape) throws Exception {
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path log = tmp.resolve("chaos.log");
    Process chaos = trial(shape, scratch, log, "--variant", "fenced", "--client", "jedis");
    try {
      List<RunProcess> seen = List.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      boolean cut = false;
      while (!cut && chaos.isAlive() && System.nanoTime() < deadline) {
        seen = RunProcess.under(scratch);
        cut = dataNodes(seen) >= shape.dataNodes && count(seen, "[sentinel]") == shape.sentinels
            && count(seen, "LoaderMain") >= 1 && primaryPeerDisabled(seen);
        Thread.sleep(cut ? 0 : 50);
      }
      assertThat(cut).as("the trial got to the cut primary; its processes %s; log:%n%s", seen, Files.readString(log)).isTrue();
      assertThat(count(seen, "toxiproxy-server")).as("the run's toxiproxy-server").isEqualTo(1);

      chaos.destroy(); // SIGTERM
      assertThat(chaos.waitFor(60, TimeUnit.SECONDS)).as("the chaos JVM exited after SIGTERM").isTrue();
      assertNothingLeft(scratch, seen);
    } finally {
      chaos.destroyForcibly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Shape.class)
  void aTrialWhoseLoaderFailsLeavesNoProcessBehind(Shape shape) throws Exception {
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Path log = tmp.resolve("chaos.log");
    Process chaos = trial(shape, scratch, log, "--variant", "quits", "--client", "jedis", "--loader-cmd", "sh -c 'echo no config; exit 1'",
        "--loader-name", "quits");
    try {
      List<RunProcess> seen = new ArrayList<>();
      while (chaos.isAlive() && !chaos.waitFor(50, TimeUnit.MILLISECONDS)) {
        RunProcess.under(scratch).stream().filter(p -> !seen.contains(p)).forEach(seen::add);
      }
      String out = Files.readString(log);
      assertThat(chaos.exitValue()).as("the trial is invalid, not bad input; log:%n%s", out).isEqualTo(1);
      assertThat(out).as("the loader's failure is in the record").contains("exited 1 before it wrote to Redis");
      assertThat(dataNodes(seen)).as("the topology ran: %s", seen).isEqualTo(shape.dataNodes);
      assertThat(count(seen, "[sentinel]")).as("the topology's Sentinels: %s", seen).isEqualTo(shape.sentinels);
      assertNothingLeft(scratch, seen);
    } finally {
      chaos.destroyForcibly();
    }
  }

  /** {@code trial} of the shape's topology and fault on 7.0, with {@code more} arguments. */
  private static Process trial(Shape shape, Path scratch, Path log, String... more) throws IOException {
    List<String> args = new ArrayList<>(List.of("trial", "--topology", shape.topology, "--server", "7.0", "--fault", shape.fault));
    args.addAll(List.of(more));
    return chaos(scratch, log, args.toArray(String[]::new));
  }

  private static Process chaos(Path scratch, Path log, String... args) throws IOException {
    Path jar = ChaosJar.path();
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + scratch, "-jar", jar.toString()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Every process of the run is gone within 30 s (a reaper's kill and init's reaping take a moment). */
  private static void assertNothingLeft(Path scratch, List<RunProcess> seen) throws InterruptedException {
    long gone = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<RunProcess> left = RunProcess.under(scratch);
    while (!left.isEmpty() && System.nanoTime() < gone) {
      Thread.sleep(100);
      left = RunProcess.under(scratch);
    }
    assertThat(left).as("processes of the run left behind (the run had %s)", seen).isEmpty();
    assertThat(seen.stream().filter(RunProcess::running).toList()).as("processes seen during the run and still running").isEmpty();
  }

  /**
   * The data nodes among the processes: the ports of the redis-servers that are no Sentinel. A port,
   * not a pid: a primary forks a child for a replica's full sync, and a child caught before it sets
   * its own title has its parent's ("redis-server 127.0.0.1:port [cluster]").
   */
  private static long dataNodes(List<RunProcess> ps) {
    return ps.stream().filter(p -> !p.command().startsWith("bash -c ") && p.command().contains("redis-server")
            && !p.command().contains("[sentinel]"))
        .map(p -> NODE_PORT.matcher(p.command())).filter(Matcher::find).map(m -> m.group(1)).distinct().count();
  }

  /**
   * The processes whose command holds {@code fragment}, not counting the reapers (whose arguments
   * name them too), each once: a redis-server seen both before and after it set its process title
   * (its arguments, then "127.0.0.1:port [cluster]") is one process.
   */
  private static long count(List<RunProcess> ps, String fragment) {
    return ps.stream().filter(p -> !p.command().startsWith("bash -c ") && p.command().contains(fragment)).mapToLong(RunProcess::pid)
        .distinct().count();
  }

  /** Whether the run's Toxiproxy has a data node's peer proxy disabled: the primary cut from its replicas (and Sentinels, or the bus). */
  private static boolean primaryPeerDisabled(List<RunProcess> ps) {
    Optional<String> port = ps.stream().map(p -> TOXIPROXY_PORT.matcher(p.command())).filter(Matcher::find).map(m -> m.group(1)).findFirst();
    if (port.isEmpty()) {
      return false;
    }
    try {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.get() + "/proxies"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode proxies = new ObjectMapper().readTree(r.body());
      for (JsonNode p : proxies) { // an object of proxies by name
        String name = p.path("name").asText();
        if (PEER_PROXY.matcher(name).matches() && !p.path("enabled").asBoolean(true)) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // not listening yet, or stopping
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A live process whose working directory, environment or command line is under the run's scratch dir. */
  record RunProcess(long pid, String command) {
    static List<RunProcess> under(Path scratch) {
      String dir = scratch.toString();
      List<RunProcess> found = new ArrayList<>();
      try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
        for (Path proc : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
          long pid = Long.parseLong(proc.getFileName().toString());
          if (pid == ProcessHandle.current().pid() || zombie(proc)) {
            continue;
          }
          String cmd = read(proc.resolve("cmdline")).replace('\0', ' ').trim();
          boolean ours = cwd(proc).startsWith(dir) || read(proc.resolve("environ")).contains("REAPER_PIDFILE=" + dir)
              || (cmd.contains(dir) && !cmd.contains("-Djava.io.tmpdir=" + dir));
          if (ours && !cmd.isEmpty()) {
            found.add(new RunProcess(pid, cmd));
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list /proc: " + e.getMessage());
      }
      return found;
    }

    /**
     * Still running: not exited (a zombie, state Z, has exited: its reaper was killed, and whoever
     * inherits it reaps it in its own time), and the same program (not a pid used again).
     */
    boolean running() {
      Path proc = Path.of("/proc", Long.toString(pid));
      return Files.exists(proc) && !zombie(proc) && read(proc.resolve("cmdline")).replace('\0', ' ').trim().equals(command);
    }

    @Override
    public String toString() {
      return pid + " " + (command.length() > 160 ? command.substring(0, 160) + "..." : command);
    }

    private static boolean zombie(Path proc) {
      String stat = read(proc.resolve("stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) == 'Z';
    }

    private static String cwd(Path proc) {
      try {
        return Files.readSymbolicLink(proc.resolve("cwd")).toString();
      } catch (IOException | UnsupportedOperationException gone) {
        return "";
      }
    }

    private static String read(Path file) {
      try {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      } catch (IOException gone) {
        return "";
      }
    }
  }
}
