package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.process.ChildProcess;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A real Redis server: a redis-server process on a free 127.0.0.1 port, started, checked and
 * stopped by the harness ({@code 2.8}, {@code 6.2}, {@code 7.0}, {@code system}), the same in a
 * container of the docker backend ({@code docker:redis:7.4}, or a bare id under
 * {@code -Dharness.backend=docker}), or an external server at a URL that the harness only talks to.
 * Whatever the {@link Backend}, a server has the same API: host, port, version, endpoint, close.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start("2.8")) {
 *   try (Jedis jedis = new Jedis(redis.host(), redis.port())) { ... }
 * }
 * }</pre>
 *
 * <p>Started servers persist nothing ({@code save ""}, no AOF), listen on loopback only, and cannot
 * outlive the JVM (see {@link ChildProcess}). {@link #start} returns only once the server answers
 * PING and reports, in {@code INFO server}, the version its id promises.
 */
public final class RedisServer implements AutoCloseable {

  private final ServerSpec spec;
  private final String host;
  private final int port;
  private final RedisVersion version;
  private final ServerRuntime runtime; // null when external

  private RedisServer(ServerSpec spec, String host, int port, RedisVersion version, ServerRuntime runtime) {
    this.spec = spec;
    this.host = host;
    this.port = port;
    this.version = version;
    this.runtime = runtime;
  }

  /** Starts (or, for an external URL, connects to) the server named by a {@code --server} value. */
  public static RedisServer start(String spec) {
    return builder(ServerSpec.parse(spec)).start();
  }

  public static RedisServer start(ServerKind kind) {
    return builder(ServerSpec.of(kind)).start();
  }

  public static Builder builder(ServerSpec spec) {
    return new Builder(spec);
  }

  public static Builder builder(ServerKind kind) {
    return new Builder(ServerSpec.of(kind));
  }

  /** Fluent options for a started server. */
  public static final class Builder {
    private final ServerSpec spec;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Duration startupTimeout = Duration.ofSeconds(15);
    private Backend backend; // null: Backend.configured() at start

    private Builder(ServerSpec spec) {
      this.spec = spec;
    }

    /**
     * Extra redis.conf directive, passed as {@code --key value} (a container gets the same), such as
     * {@code withConfig("enable-debug-command", "yes")} for DEBUG on 7.0.
     */
    public Builder withConfig(String key, String value) {
      config.put(key, value);
      return this;
    }

    public Builder withStartupTimeout(Duration timeout) {
      this.startupTimeout = timeout;
      return this;
    }

    /** Where to run it; default {@link Backend#configured()} ({@code -Dharness.backend}). */
    public Builder withBackend(Backend backend) {
      this.backend = backend;
      return this;
    }

    public RedisServer start() {
      Backend.Choice choice = (backend != null ? backend : Backend.configured()).choose(spec);
      if (choice.backend() == Backend.EXTERNAL) {
        return connectExternal(spec);
      }
      RedisLauncher launcher = choice.backend().launcher(RedisLauncher.class);
      return launcher.launch(choice.spec(), choice.image(), Collections.unmodifiableMap(config), startupTimeout);
    }
  }

  /** The last {@code lines} lines of the server's log; empty for an external server, which the harness does not own. */
  public String logTail(int lines) {
    return runtime == null ? "" : runtime.logTail(lines);
  }

  /**
   * Adopts a server that a backend started elsewhere (a container): waits until it answers PING
   * at host:port, reads its version, checks the version its id promises, and owns {@code runtime}
   * from then on (closes it on failure too).
   */
  public static RedisServer attach(ServerSpec spec, String host, int port, ServerRuntime runtime, Duration timeout) {
    return attach("Redis " + spec.id() + " (" + runtime.backend() + ") at " + host + ":" + port, spec, host, port, runtime, timeout, log -> {});
  }

  /** {@link #attach}, with {@code onExit} shown the log of a server that exited at start (it may throw). */
  public static RedisServer attach(String name, ServerSpec spec, String host, int port, ServerRuntime runtime, Duration timeout,
      Consumer<String> onExit) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // Alive first: a server that exited (a port taken) must not be confused with whatever answers on its port.
      if (!runtime.isAlive()) {
        String log = runtime.logTail(20);
        runtime.close();
        onExit.accept(log);
        throw new HarnessException(name + " exited at start: " + ServerProbe.lastLine(log));
      }
      try {
        RedisServer server = new RedisServer(spec, host, port, ServerProbe.handshake(host, port), runtime);
        server.checkPromisedVersion();
        return server;
      } catch (JedisException notYet) {
        if (System.nanoTime() > deadline) {
          runtime.close();
          throw new HarnessException(name + " did not answer PING within " + timeout.toSeconds() + " s.");
        }
        ServerProbe.sleep(20);
      }
    }
  }

  private static RedisServer connectExternal(ServerSpec spec) {
    URI uri = spec.externalUri().orElseThrow();
    try {
      RedisVersion version = ServerProbe.handshake(uri.getHost(), uri.getPort());
      return new RedisServer(spec, uri.getHost(), uri.getPort(), version, null);
    } catch (JedisException e) {
      throw new HarnessException(
          "Cannot reach the external Redis server at " + uri + "; start it or pass another --server.");
    }
  }

  private void checkPromisedVersion() {
    spec.promisedVersion()
        .filter(promised -> !promised.equals(version))
        .ifPresent(promised -> {
          close();
          throw new HarnessException(
              "Server id " + spec.id() + " promises Redis " + promised + " but the " + (backend().equals("docker") ? "image" : "binary")
              + " reports " + version + ".");
        });
  }

  public ServerSpec spec() {
    return spec;
  }

  /** Short id for parameters, file names and reports: 2.8, 6.2, 7.0, system, external, docker:&lt;image&gt;. */
  public String id() {
    return spec.id();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public HostAndPort hostAndPort() {
    return new HostAndPort(host, port);
  }

  /** Where clients connect to this server directly. */
  public RedisEndpoint endpoint() {
    return new RedisEndpoint(id(), version, host, port);
  }

  public URI uri() {
    return URI.create("redis://" + host + ":" + port);
  }

  /** The version reported by INFO server. */
  public RedisVersion version() {
    return version;
  }

  /** True when the harness started this server (and will stop it). */
  public boolean managed() {
    return runtime != null;
  }

  /** Where it runs: embedded (a local process), docker (a container) or external. */
  public String backend() {
    return runtime == null ? "external" : runtime.backend();
  }

  /**
   * host:port at which a container on the harness's Docker network reaches this server (bridge
   * networking); host:port itself otherwise.
   */
  public String containerAddress() {
    return Optional.ofNullable(runtime).flatMap(ServerRuntime::containerAddress).orElse(host + ":" + port);
  }

  /** Host pid of the redis-server process (also for a container), or -1 for an external server. */
  public long pid() {
    return runtime == null ? -1 : runtime.pid();
  }

  @Override
  public void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  @Override
  public String toString() {
    return "Redis " + version + " (" + id() + (runtime != null && !backend().equals("embedded") ? ", " + backend() : "")
        + ") at " + host + ":" + port;
  }
}
