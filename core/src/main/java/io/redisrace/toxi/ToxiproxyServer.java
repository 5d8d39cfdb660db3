package io.redisrace.toxi;

import com.fasterxml.jackson.databind.ObjectMapper;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.redisrace.HarnessException;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Shopify Toxiproxy server, found by {@link ToxiproxyLocator}: started on a free
 * 127.0.0.1 port (and stopped on close), or an already running one from {@code TOXIPROXY_URL};
 * or, with the docker backend, the {@code ghcr.io/shopify/toxiproxy} image in a Testcontainers
 * {@code ToxiproxyContainer} (a {@link ToxiproxyLauncher} of the docker backend). Driven with the
 * toxiproxy-java client; where it runs changes nothing for its users.
 *
 * <pre>{@code
 * try (ToxiproxyServer toxiproxy = ToxiproxyServer.start();
 *      RedisProxy proxy = toxiproxy.proxy("loader-1", redis)) {
 *   proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 50);
 *   new Jedis(proxy.host(), proxy.port());
 * }
 * }</pre>
 */
public final class ToxiproxyServer implements AutoCloseable {
  private static final AtomicInteger PROXY_SEQ = new AtomicInteger();

  private final ToxiproxyClient client;
  private final String host;
  private final int port;
  private final String version;
  private final String source;
  private final long pid;
  private final Runnable stop; // null when not started by us
  private final Wiring wiring;

  /**
   * Where a proxy listens and how clients and upstreams are addressed. {@link #LOOPBACK}: every
   * address is on 127.0.0.1 (a local process, or a container with host networking).
   */
  public interface Wiring {
    /**
     * The listen address for a new proxy, as Toxiproxy sees it. Port 0 lets Toxiproxy bind a free
     * port itself and answer with it: a port picked here first could be taken by another process
     * before Toxiproxy binds it (a full matrix hit that twice in 1,353 trials).
     */
    String listen();

    /** Where clients on the host connect to a proxy that listens at {@code listen}. */
    String clientHost(String listen);

    int clientPort(String listen);

    /** The upstream address of {@code server} as Toxiproxy reaches it. */
    String upstream(RedisServer server);

    Wiring LOOPBACK = new Wiring() {
      @Override
      public String listen() {
        return Ports.LOOPBACK + ":0";
      }

      @Override
      public String clientHost(String listen) {
        return listen.substring(0, listen.lastIndexOf(':')).replace("[", "").replace("]", "");
      }

      @Override
      public int clientPort(String listen) {
        return Integer.parseInt(listen.substring(listen.lastIndexOf(':') + 1));
      }

      @Override
      public String upstream(RedisServer server) {
        return server.host() + ":" + server.port();
      }
    };
  }

  private ToxiproxyServer(String host, int port, String version, String source, long pid, Runnable stop, Wiring wiring) {
    this.client = new ToxiproxyClient(host, port);
    this.host = host;
    this.port = port;
    this.version = version;
    this.source = source;
    this.pid = pid;
    this.stop = stop;
    this.wiring = wiring;
  }

  /** Starts Toxiproxy where {@link Backend#configured()} ({@code -Dharness.backend}) says. */
  public static ToxiproxyServer start() {
    return start(Backend.configured());
  }

  /**
   * embedded and external: found the way {@link ToxiproxyLocator} says; docker: the pinned image in
   * a container; auto: the locator, and the container when the locator finds nothing and Docker is
   * reachable (said on stderr).
   */
  public static ToxiproxyServer start(Backend backend) {
    ToxiproxyLauncher located = Backend.EMBEDDED.launcher(ToxiproxyLauncher.class);
    return switch (backend) {
      case DOCKER -> Backend.DOCKER.launcher(ToxiproxyLauncher.class).launch();
      case AUTO -> {
        try {
          yield located.launch();
        } catch (HarnessException notFound) {
          ToxiproxyLauncher docker = Backend.DOCKER.launcher(ToxiproxyLauncher.class);
          if (docker.unavailable().isPresent()) {
            throw notFound;
          }
          System.err.println("[redis-race] backend auto: no toxiproxy-server here, so Toxiproxy runs in Docker ("
              + docker.describe() + ").");
          yield docker.launch();
        }
      }
      default -> located.launch();
    };
  }

  /**
   * Adopts a Toxiproxy server that a backend started elsewhere (a container): checks that it
   * answers, and owns {@code stop} from then on.
   */
  public static ToxiproxyServer attach(String host, int port, String source, long pid, Runnable stop, Wiring wiring) {
    ToxiproxyServer server = new ToxiproxyServer(host, port, null, source, pid, stop, wiring);
    try {
      return server.withVersion(server.client.version());
    } catch (IOException e) {
      server.close();
      throw new HarnessException("Toxiproxy (" + source + ") does not answer at " + host + ":" + port + ": " + e.getMessage());
    }
  }

  public static ToxiproxyServer start(ToxiproxyLocator.Location location) {
    if (location instanceof ToxiproxyLocator.Running running) {
      URI uri = URI.create(running.url().contains("://") ? running.url() : "http://" + running.url());
      ToxiproxyServer server = new ToxiproxyServer(uri.getHost(), uri.getPort(), null, "TOXIPROXY_URL", -1, null, Wiring.LOOPBACK);
      try {
        return server.withVersion(server.client.version());
      } catch (IOException e) {
        throw new HarnessException("Toxiproxy not reachable at TOXIPROXY_URL=" + running.url() + "; start it or unset the variable.");
      }
    }
    ToxiproxyLocator.Binary binary = (ToxiproxyLocator.Binary) location;
    int port = Ports.freePort();
    Path dir = HarnessDirs.newWorkDir("toxiproxy-" + port + "-");
    ChildProcess process = ChildProcess.start(
        "toxiproxy-server on port " + port,
        List.of(binary.path().toString(), "-host", Ports.LOOPBACK, "-port", Integer.toString(port)),
        dir,
        dir.resolve("toxiproxy.log"),
        Map.of());
    String source = binary.pinned() == null ? binary.source() : binary.source() + ", built from " + binary.pinned();
    ToxiproxyServer server = new ToxiproxyServer(Ports.LOOPBACK, port, null, source, process.pid(), () -> {
      process.close();
      HarnessDirs.deleteTree(dir);
    }, Wiring.LOOPBACK);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        return server.withVersion(trueVersion(server.client.version(), binary.pinned()));
      } catch (IOException notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          String log = process.logTail(5);
          server.close();
          throw new HarnessException("toxiproxy-server (" + binary.path() + ") did not start: " + log.strip());
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          server.close();
          throw new HarnessException("Interrupted while starting toxiproxy-server.");
        }
      }
    }
  }

  private ToxiproxyServer withVersion(String reported) {
    return new ToxiproxyServer(host, port, parseVersion(reported), source, pid, stop, wiring);
  }

  /**
   * The version to report: the server's own, unless it says "git" or nothing (a go install build)
   * and the binary is the pinned cache build, whose release is then known: {@code pinned}.
   */
  static String trueVersion(String reported, String pinned) {
    String v = parseVersion(reported);
    boolean unknown = v.isBlank() || v.equalsIgnoreCase("git") || v.equalsIgnoreCase("unknown");
    return unknown && pinned != null ? pinned : v;
  }

  /** v2.12 answers {@code {"version": "..."}} on /version; older releases a bare string. */
  static String parseVersion(String body) {
    String b = body.strip();
    if (b.startsWith("{")) {
      try {
        return new ObjectMapper().readTree(b).path("version").asText(b);
      } catch (IOException e) {
        return b;
      }
    }
    return b;
  }

  /**
   * A new proxy listening on a free 127.0.0.1 port in front of {@code upstream}. Its name is
   * {@code prefix-N}, unique in this JVM.
   */
  public RedisProxy proxy(String prefix, RedisServer upstream) {
    return proxy(prefix, wiring.upstream(upstream));
  }

  public RedisProxy proxy(String prefix, String upstreamHostPort) {
    String name = prefix + "-" + PROXY_SEQ.incrementAndGet();
    String listen = wiring.listen();
    try {
      Proxy created = client.createProxy(name, listen, upstreamHostPort);
      String bound = created.getListen(); // the address Toxiproxy bound, port 0 resolved
      return new RedisProxy(created, wiring.clientHost(bound), wiring.clientPort(bound));
    } catch (IOException e) {
      throw new HarnessException("Toxiproxy refused to create proxy " + name + ": " + e.getMessage());
    }
  }

  /** Removes every toxic and re-enables every proxy: the global heal between trials. */
  public void reset() {
    try {
      client.reset();
    } catch (IOException e) {
      throw new HarnessException("Toxiproxy reset failed: " + e.getMessage());
    }
  }

  public ToxiproxyClient client() {
    return client;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The version the server reports (a go-installed build may say "git"). */
  public String version() {
    return version;
  }

  /** Where the server came from: TOXIPROXY_URL, TOXIPROXY_SERVER, PATH, cache, go install, or docker &lt;image&gt;. */
  public String source() {
    return source;
  }

  /** Host pid of the toxiproxy-server process (a container's too), -1 when not started by us. */
  public long pid() {
    return pid;
  }

  @Override
  public void close() {
    if (stop != null) {
      stop.run();
    }
  }

  @Override
  public String toString() {
    return "toxiproxy " + version + " at " + host + ":" + port + " (" + source + ")";
  }
}
