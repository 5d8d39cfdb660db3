package io.redisrace.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import io.redisrace.process.HarnessDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

/**
 * The Docker engine as the harness sees it: is it reachable, which network mode, and the cleanup
 * that makes sure no container outlives the JVM that started it, with or without Ryuk.
 *
 * <p>Cleanup has three layers, like {@link io.redisrace.process.ChildProcess}'s:
 * <ol>
 *   <li>{@code close()} of a server removes its container;</li>
 *   <li>a JVM shutdown hook removes every container this JVM still has (SIGTERM, Ctrl-C, exit);</li>
 *   <li>a watchdog process ({@code setsid bash}, outside the JVM's process group) holds a pipe
 *       whose write end only this JVM has; when the JVM dies, SIGKILL included, it reads EOF and
 *       runs {@code docker rm -f} on every container labelled with this JVM's session.</li>
 * </ol>
 * Every container is labelled {@value #HARNESS_LABEL}=&lt;version&gt; and {@value #SESSION_LABEL}=&lt;uuid&gt;,
 * so {@code docker ps --filter label=io.redisrace.harness} lists what the harness runs. Testcontainers'
 * Ryuk reaper cannot be pulled on offline machines: set {@code TESTCONTAINERS_RYUK_DISABLED=true}
 * (docs/docker.md); where its image is present it is used as well.
 */
public final class DockerEnvironment {
  public static final String HARNESS_LABEL = "io.redisrace.harness";
  public static final String SESSION_LABEL = "io.redisrace.session";
  /** This JVM's session: the value of {@value #SESSION_LABEL} on its containers. */
  public static final String SESSION = UUID.randomUUID().toString();
  /** The Ryuk image that Testcontainers 1.21.3 starts unless TESTCONTAINERS_RYUK_DISABLED=true. */
  static final String RYUK_IMAGE = "testcontainers/ryuk:0.12.0";

  private static final Set<GenericContainer<?>> LIVE = ConcurrentHashMap.newKeySet();
  private static final List<Runnable> ON_EXIT = new CopyOnWriteArrayList<>();
  private static String unreachable; // null: reachable; set after the first probe
  private static boolean probed;
  private static DockerClient client;
  private static Process watchdog;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(DockerEnvironment::removeAll, "redis-race-docker-cleanup"));
  }

  private DockerEnvironment() {}

  /** True when a Docker engine answers (probed once per JVM, without starting anything). */
  public static synchronized boolean reachable() {
    if (!probed) {
      probed = true;
      try {
        client = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
        client.pingCmd().exec();
      } catch (RuntimeException | Error e) {
        client = null;
        unreachable = describe(e);
      }
    }
    return unreachable == null;
  }

  /** Why Docker is not reachable, in a few words; empty text when it is. */
  public static synchronized String whyUnreachable() {
    return reachable() ? "" : unreachable;
  }

  /**
   * Fails with one sentence unless the docker backend can run here: an engine answers, and Ryuk is
   * either disabled or its image is present.
   */
  public static synchronized DockerClient require() {
    if (!reachable()) {
      throw new HarnessException("The docker backend needs a Docker engine, and none is reachable (" + unreachable
          + "); start Docker (docker/ci-setup.sh does it on Debian) or use --backend embedded.");
    }
    if (inAContainerWithoutBridge()) {
      throw new HarnessException("Testcontainers sees /.dockerenv, so it looks up the host through Docker's bridge network,"
          + " which this engine has not; set TESTCONTAINERS_HOST_OVERRIDE=localhost (see docs/docker.md).");
    }
    if (!ryukDisabled() && !imagePresent(RYUK_IMAGE) && !pull(RYUK_IMAGE, Duration.ofSeconds(60))) {
      throw new HarnessException("Testcontainers' reaper image " + RYUK_IMAGE + " is not on this machine and cannot be pulled;"
          + " set TESTCONTAINERS_RYUK_DISABLED=true (the harness removes its own containers, see docs/docker.md).");
    }
    return client;
  }

  /**
   * Testcontainers resolves the Docker host through the "bridge" network when /.dockerenv exists
   * and TESTCONTAINERS_HOST_OVERRIDE is unset; a dockerd started with --bridge=none has no such network.
   */
  private static boolean inAContainerWithoutBridge() {
    String override = System.getenv("TESTCONTAINERS_HOST_OVERRIDE");
    if ((override != null && !override.isBlank()) || !Files.exists(Path.of("/.dockerenv"))) {
      return false;
    }
    try {
      client.inspectNetworkCmd().withNetworkId("bridge").exec();
      return false;
    } catch (NotFoundException e) {
      return true;
    }
  }

  static boolean ryukDisabled() {
    return Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"));
  }

  /** host (every port on the host's 127.0.0.1) or bridge (mapped ports, Testcontainers' default). */
  public static DockerNetworkMode networkMode() {
    return DockerNetworkMode.configured();
  }

  static boolean imagePresent(String image) {
    try {
      client.inspectImageCmd(image).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  /** One pull attempt, bounded; false when the registry cannot be reached. */
  static boolean pull(String image, Duration timeout) {
    int colon = image.lastIndexOf(':');
    try {
      return client.pullImageCmd(image.substring(0, colon)).withTag(image.substring(colon + 1)).start()
          .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS) && imagePresent(image);
    } catch (RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Makes sure {@code image} is local without Testcontainers' two minutes of pull retries: present,
   * or pulled once, or one sentence saying how to get it.
   */
  static void requireImage(String image) {
    require();
    if (!imagePresent(image) && !pull(image, Duration.ofMinutes(5))) {
      throw new HarnessException("Image " + image + " is not on this machine and cannot be pulled; pull it where a registry is"
          + " reachable, or build the offline images with docker/build-offline-images.sh.");
    }
  }

  /** The labels every harness container carries. */
  static Map<String, String> labels() {
    return Map.of(HARNESS_LABEL, HarnessInfo.version(), SESSION_LABEL, SESSION);
  }

  /** Starts a labelled container and tracks it until {@link #remove}; the watchdog covers a killed JVM. */
  static void start(GenericContainer<?> container) {
    container.withLabels(labels());
    startWatchdog();
    LIVE.add(container);
    try {
      container.start();
    } catch (RuntimeException e) {
      remove(container);
      throw e;
    }
  }

  /** Stops and removes a container started by {@link #start}; idempotent. */
  static void remove(GenericContainer<?> container) {
    if (LIVE.remove(container)) {
      try {
        container.stop();
      } catch (RuntimeException ignored) {
        // already gone
      }
    }
  }

  /** Containers this JVM still runs (for leak checks in tests). */
  public static Set<GenericContainer<?>> live() {
    return Set.copyOf(LIVE);
  }

  /** Ids of the containers that carry this JVM's session label, running or not. */
  public static List<String> sessionContainers() {
    if (!reachable()) {
      return List.of();
    }
    return client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(SESSION_LABEL, SESSION)).exec()
        .stream().map(Container::getId).toList();
  }

  /** Runs at JVM exit, after the containers are removed (networks). */
  static void onExit(Runnable action) {
    ON_EXIT.add(action);
  }

  /** Ids of every container that carries the harness label, of any JVM, running or not. */
  public static List<String> harnessContainers() {
    if (!reachable()) {
      return List.of();
    }
    return client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(HARNESS_LABEL)).exec()
        .stream().map(Container::getId).toList();
  }

  private static void removeAll() {
    List.copyOf(LIVE).forEach(DockerEnvironment::remove);
    for (Runnable r : ON_EXIT) {
      try {
        r.run();
      } catch (RuntimeException ignored) {
        // best effort at exit
      }
    }
    if (client != null) {
      try {
        for (String id : sessionContainers()) {
          client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        }
      } catch (RuntimeException ignored) {
        // the engine may be gone; the watchdog tries again
      }
    }
  }

  /** The SIGKILL layer: a process outside the JVM that removes this session's containers at EOF. */
  private static synchronized void startWatchdog() {
    if (watchdog != null) {
      return;
    }
    Optional<Path> docker = HarnessDirs.onPath("docker");
    Optional<Path> setsid = HarnessDirs.onPath("setsid");
    if (docker.isEmpty()) {
      return; // no docker CLI: the shutdown hook is the last layer
    }
    String script = String.join("\n",
        "trap '' INT TERM HUP",
        "cat >/dev/null",
        "ids=$(\"$DOCKER\" ps -aq --filter \"label=" + SESSION_LABEL + "=$SESSION\" 2>/dev/null)",
        "[ -n \"$ids\" ] && \"$DOCKER\" rm -f -v $ids >/dev/null 2>&1",
        "exit 0");
    List<String> argv = setsid.isPresent()
        ? List.of(setsid.get().toString(), "bash", "-c", script, "redis-race-docker-watchdog")
        : List.of("bash", "-c", script, "redis-race-docker-watchdog");
    ProcessBuilder pb = new ProcessBuilder(argv).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("DOCKER", docker.get().toString());
    pb.environment().put("SESSION", SESSION);
    try {
      watchdog = pb.start();
    } catch (IOException e) {
      watchdog = null; // best effort: the shutdown hook still runs on SIGTERM
    }
  }

  /** Closes the watchdog's pipe at once (tests); it then sweeps this session's containers. */
  static synchronized void releaseWatchdog() {
    if (watchdog != null) {
      try (OutputStream pipe = watchdog.getOutputStream()) {
        pipe.flush();
      } catch (IOException ignored) {
        // already closed
      }
      watchdog = null;
    }
  }

  private static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName()).strip();
    if (m.contains("Could not find a valid Docker environment") || m.contains("Previous attempts to find a Docker environment")) {
      return "no Docker socket or DOCKER_HOST answered";
    }
    int nl = m.indexOf('\n');
    m = nl > 0 ? m.substring(0, nl) : m;
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }
}
