package io.redisrace.toxi;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.redisrace.HarnessException;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import io.redisrace.server.RedisServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real Shopify Toxiproxy server, found by {@link ToxiproxyLocator}: started on a free
 * 127.0.0.1 port (and stopped on close), or an already running one from {@code TOXIPROXY_URL}.
 * Driven with the toxiproxy-java client.
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
  private final ChildProcess process; // null when TOXIPROXY_URL
  private final Path workDir;

  private ToxiproxyServer(String host, int port, String version, String source, ChildProcess process, Path workDir) {
    this.client = new ToxiproxyClient(host, port);
    this.host = host;
    this.port = port;
    this.version = version;
    this.source = source;
    this.process = process;
    this.workDir = workDir;
  }

  /** Finds Toxiproxy the way {@link ToxiproxyLocator} says and makes it ready. */
  public static ToxiproxyServer start() {
    return start(ToxiproxyLocator.fromEnvironment().locate());
  }

  public static ToxiproxyServer start(ToxiproxyLocator.Location location) {
    if (location instanceof ToxiproxyLocator.Running running) {
      URI uri = URI.create(running.url().contains("://") ? running.url() : "http://" + running.url());
      ToxiproxyServer server = new ToxiproxyServer(uri.getHost(), uri.getPort(), null, "TOXIPROXY_URL", null, null);
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
    ToxiproxyServer server = new ToxiproxyServer(Ports.LOOPBACK, port, null, binary.source(), process, dir);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        return server.withVersion(server.client.version());
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
    return new ToxiproxyServer(host, port, parseVersion(reported), source, process, workDir);
  }

  /** v2.12 answers {@code {"version": "..."}} on /version; older releases a bare string. */
  static String parseVersion(String body) {
    String b = body.strip();
    if (b.startsWith("{")) {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(b).path("version").asText(b);
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
    return proxy(prefix, upstream.host() + ":" + upstream.port());
  }

  public RedisProxy proxy(String prefix, String upstreamHostPort) {
    String name = prefix + "-" + PROXY_SEQ.incrementAndGet();
    try {
      return new RedisProxy(client.createProxy(name, Ports.LOOPBACK + ":" + Ports.freePort(), upstreamHostPort));
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

  /** Where the server came from: TOXIPROXY_URL, TOXIPROXY_SERVER, PATH, cache or go install. */
  public String source() {
    return source;
  }

  public long pid() {
    return process == null ? -1 : process.pid();
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
      HarnessDirs.deleteTree(workDir);
    }
  }

  @Override
  public String toString() {
    return "toxiproxy " + version + " at " + host + ":" + port + " (" + source + ")";
  }
}
