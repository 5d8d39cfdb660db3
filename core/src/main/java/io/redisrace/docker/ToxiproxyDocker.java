package io.redisrace.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import io.redisrace.process.Ports;
import io.redisrace.server.RedisServer;
import io.redisrace.toxi.ToxiproxyLauncher;
import io.redisrace.toxi.ToxiproxyServer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.ToxiproxyContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The docker backend's Toxiproxy: Testcontainers' {@link ToxiproxyContainer} running
 * {@code ghcr.io/shopify/toxiproxy:<pinned>}, wrapped as a {@link ToxiproxyServer} so that chaos
 * code does not know where the proxy runs.
 *
 * <p>Bridge mode is the module's own wiring: the control port 8474 and the proxy ports 8666-8697
 * published; a proxy listens on the next free one of those in the container, and its upstream is
 * a Redis container's alias on the shared network. Host mode starts the same image with
 * {@code -host=127.0.0.1 -port=<free port>}: proxies listen on free 127.0.0.1 ports, and any
 * server on the host (embedded or docker) can be the upstream. Registered in
 * {@code META-INF/services/io.redisrace.toxi.ToxiproxyLauncher}.
 */
public final class ToxiproxyDocker implements ToxiproxyLauncher, DockerLauncher {
  /** The image tag of the pinned Toxiproxy release (v2.12.0 is 2.12.0). */
  public static String image() {
    return "ghcr.io/shopify/toxiproxy:" + HarnessInfo.toxiproxyVersion().replaceFirst("^v", "");
  }

  @Override
  public String describe() {
    return image();
  }

  @Override
  public ToxiproxyServer launch() {
    String image = image();
    DockerEnvironment.requireImage(image);
    DockerNetworkMode mode = DockerEnvironment.networkMode();
    HarnessToxiproxyContainer container = new HarnessToxiproxyContainer(DockerImageName.parse(image), mode);
    if (mode == DockerNetworkMode.BRIDGE) {
      container.withNetwork(DockerRedis.network());
    }
    try {
      DockerEnvironment.start(container);
    } catch (RuntimeException e) {
      throw new HarnessException("Container " + image + " did not start: " + DockerRedis.why(e) + ".");
    }
    ToxiproxyServer.Wiring wiring = mode == DockerNetworkMode.HOST ? ToxiproxyServer.Wiring.LOOPBACK : new BridgeWiring(container);
    return ToxiproxyServer.attach(container.controlHost(), container.controlPort(), "docker " + image + " (" + mode.id() + ")",
        container.getContainerInfo().getState().getPidLong() == null ? -1 : container.getContainerInfo().getState().getPidLong(),
        () -> DockerEnvironment.remove(container), wiring);
  }

  /** ToxiproxyContainer, plus host networking (no published ports, a control port of our choice). */
  static final class HarnessToxiproxyContainer extends ToxiproxyContainer {
    private final DockerNetworkMode mode;
    private final int hostControlPort;

    HarnessToxiproxyContainer(DockerImageName image, DockerNetworkMode mode) {
      super(image);
      this.mode = mode;
      this.hostControlPort = mode == DockerNetworkMode.HOST ? Ports.freePort() : 8474;
      if (mode == DockerNetworkMode.HOST) {
        setExposedPorts(List.of());
        withNetworkMode("host");
        withCommand("-host=" + Ports.LOOPBACK, "-port=" + hostControlPort);
        waitingFor(new VersionWait().withStartupTimeout(Duration.ofSeconds(30)));
      }
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse info) {
      if (mode == DockerNetworkMode.BRIDGE) {
        super.containerIsStarted(info); // the module's client on the mapped control port
      }
    }

    String controlHost() {
      return mode == DockerNetworkMode.HOST ? Ports.LOOPBACK : getHost();
    }

    int controlPort() {
      return mode == DockerNetworkMode.HOST ? hostControlPort : getControlPort();
    }

    /** Host mode's readiness check: GET /version answers on the control port. */
    private final class VersionWait extends AbstractWaitStrategy {
      @Override
      protected void waitUntilReady() {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        while (!Ports.accepts(Ports.LOOPBACK, hostControlPort, 200) || !answersVersion()) {
          if (!waitStrategyTarget.isRunning()) {
            throw new ContainerLaunchException("the container exited: " + getLogs().strip());
          }
          if (System.nanoTime() > deadline) {
            throw new ContainerLaunchException("no /version answer within " + startupTimeout.toSeconds() + " s");
          }
          try {
            Thread.sleep(25);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted");
          }
        }
      }

      private boolean answersVersion() {
        try {
          new ToxiproxyClient(Ports.LOOPBACK, hostControlPort).version();
          return true;
        } catch (IOException e) {
          return false;
        }
      }
    }
  }

  /** Bridge mode: proxies on the published ports 8666-8697, upstreams by network alias. */
  private static final class BridgeWiring implements ToxiproxyServer.Wiring {
    private static final int FIRST = 8666;
    private static final int LAST = 8666 + 31;
    private final HarnessToxiproxyContainer container;
    private final AtomicInteger next = new AtomicInteger(FIRST);

    BridgeWiring(HarnessToxiproxyContainer container) {
      this.container = container;
    }

    @Override
    public String listen() {
      int port = next.getAndIncrement();
      if (port > LAST) {
        throw new HarnessException("The Toxiproxy container publishes 32 proxy ports, all in use; close proxies or use host networking.");
      }
      return "0.0.0.0:" + port;
    }

    @Override
    public String clientHost(String listen) {
      return container.getHost();
    }

    @Override
    public int clientPort(String listen) {
      return container.getMappedPort(Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1)));
    }

    @Override
    public String upstream(RedisServer server) {
      if (!"docker".equals(server.backend())) {
        throw new HarnessException("In bridge networking the Toxiproxy container reaches only docker servers, not " + server
            + "; use -Dharness.docker.network=host or --backend docker for the server too.");
      }
      return server.containerAddress();
    }
  }
}
