package io.redisrace.docker;

import io.redisrace.HarnessException;
import io.redisrace.server.RedisLauncher;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerRuntime;
import io.redisrace.server.ServerSpec;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/**
 * The docker backend's Redis launcher: {@link RedisServer}s whose redis-server runs in a
 * {@link RedisContainer}. Reached through {@code RedisServer.builder(spec).start()} under
 * {@code -Dharness.backend=docker} or for a {@code docker:<image>} id (registered in
 * {@code META-INF/services/io.redisrace.server.RedisLauncher}); not used directly.
 */
public final class DockerRedis implements RedisLauncher, DockerLauncher {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static Network network;

  @Override
  public RedisServer launch(ServerSpec spec, Optional<String> image, Map<String, String> config, Duration startupTimeout) {
    return start(spec, image.orElseThrow(), config, startupTimeout);
  }

  /** Starts {@code image} for {@code spec}, waits until it answers PING and checks its version. */
  static RedisServer start(ServerSpec spec, String image, Map<String, String> config, Duration timeout) {
    DockerEnvironment.requireImage(image);
    DockerNetworkMode mode = DockerEnvironment.networkMode();
    Duration startup = timeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : timeout;
    HarnessException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      RedisContainer container = new RedisContainer(DockerImageName.parse(image), mode).withStartupTimeout(startup);
      config.forEach(container::withRedisConfig);
      String alias = "redis-" + SEQ.incrementAndGet();
      if (mode == DockerNetworkMode.BRIDGE) {
        container.withNetwork(network()).withNetworkAliases(alias);
      }
      try {
        DockerEnvironment.start(container);
      } catch (RuntimeException e) {
        String why = why(e);
        if (mode == DockerNetworkMode.HOST && why.contains("Address already in use")) {
          last = new HarnessException("redis-server in " + image + " could not bind a free port three times in a row.");
          continue; // another process took the free port first: try a new one
        }
        throw new HarnessException("Container " + image + " for server " + spec.id() + " did not start: " + why + ".");
      }
      ContainerRuntime runtime = new ContainerRuntime(container, mode == DockerNetworkMode.BRIDGE
          ? Optional.of(alias + ":" + RedisContainer.CONTAINER_PORT) : Optional.empty());
      return RedisServer.attach(spec, container.clientHost(), container.clientPort(), runtime, startup);
    }
    throw last;
  }

  /** The one Docker network of this JVM's containers in bridge mode (labelled, removed at exit). */
  static synchronized Network network() {
    if (network == null) {
      network = Network.builder().createNetworkCmdModifier(cmd -> cmd.withLabels(DockerEnvironment.labels())).build();
      DockerEnvironment.onExit(network::close);
    }
    return network;
  }

  /** The innermost message of a container start failure, one line, no trailing period. */
  static String why(Throwable e) {
    Throwable t = e;
    String best = e.getMessage();
    while (t != null) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        best = t.getMessage();
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    String m = best == null ? e.getClass().getSimpleName() : best.strip();
    int nl = m.indexOf('\n');
    m = nl > 0 ? m.substring(0, nl) : m;
    return m.endsWith(".") ? m.substring(0, m.length() - 1) : m;
  }

  /** A started container as the runtime of a {@link RedisServer}. */
  static final class ContainerRuntime implements ServerRuntime {
    private final RedisContainer container;
    private final Optional<String> containerAddress;
    private final long pid;

    ContainerRuntime(RedisContainer container, Optional<String> containerAddress) {
      this.container = container;
      this.containerAddress = containerAddress;
      Long p = container.getContainerInfo().getState().getPidLong();
      this.pid = p == null ? -1 : p;
    }

    @Override
    public String backend() {
      return "docker";
    }

    @Override
    public long pid() {
      return pid;
    }

    @Override
    public boolean isAlive() {
      return container.isRunning();
    }

    @Override
    public String logTail(int lines) {
      return container.lastLogLine();
    }

    @Override
    public Optional<String> containerAddress() {
      return containerAddress;
    }

    /** The container id (docker ps, docker logs). */
    String containerId() {
      return container.getContainerId();
    }

    @Override
    public void close() {
      DockerEnvironment.remove(container);
    }
  }
}
