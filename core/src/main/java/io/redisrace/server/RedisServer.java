package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.docker.DockerRedis;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
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

    /** Extra redis.conf directive, passed as {@code --key value}. */
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
      return switch (choice.backend()) {
        case EXTERNAL -> connectExternal(spec);
        case DOCKER -> DockerRedis.start(choice.spec(), choice.image().orElseThrow(), config, startupTimeout);
        default -> new Builder(choice.spec()).withBackend(Backend.EMBEDDED).withConfigs(config).withStartupTimeout(startupTimeout)
            .startProcess();
      };
    }

    private Builder withConfigs(Map<String, String> extra) {
      config.putAll(extra);
      return this;
    }

    private RedisServer startProcess() {
      Path binary = binary(spec.kind());
      HarnessException last = null;
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          return launch(binary, Ports.freePort());
        } catch (PortTaken e) {
          last = new HarnessException("redis-server could not bind a free port three times in a row.");
        }
      }
      throw last;
    }

    private RedisServer launch(Path binary, int port) {
      Path dir = HarnessDirs.newWorkDir("redis-" + spec.id() + "-" + port + "-");
      List<String> cmd = new ArrayList<>(List.of(binary.toString()));
      Map<String, String> conf = new LinkedHashMap<>();
      conf.put("port", Integer.toString(port));
      conf.put("bind", Ports.LOOPBACK);
      conf.put("save", "");
      conf.put("appendonly", "no");
      conf.put("daemonize", "no");
      conf.put("dir", dir.toString());
      conf.putAll(config);
      conf.forEach((k, v) -> {
        cmd.add("--" + k);
        cmd.add(v);
      });
      String name = "redis-server " + spec.id() + " on port " + port;
      ChildProcess process = ChildProcess.start(name, cmd, dir, dir.resolve("redis.log"), Map.of());
      ServerRuntime runtime = new ProcessRuntime(process, dir);
      long deadline = System.nanoTime() + startupTimeout.toNanos();
      while (true) {
        if (!process.isAlive()) {
          String log = process.logTail(20);
          runtime.close();
          if (log.contains("Address already in use")) {
            throw new PortTaken();
          }
          throw new HarnessException(name + " exited at start: " + lastLine(log));
        }
        try {
          RedisVersion version = handshake(Ports.LOOPBACK, port);
          RedisServer server = new RedisServer(spec, Ports.LOOPBACK, port, version, runtime);
          server.checkPromisedVersion();
          return server;
        } catch (JedisException notYet) {
          if (System.nanoTime() > deadline) {
            runtime.close();
            throw new HarnessException(name + " did not answer PING within " + startupTimeout.toSeconds() + " s.");
          }
          sleep(20);
        }
      }
    }
  }

  /**
   * Adopts a server that a backend started elsewhere (a container): waits until it answers PING
   * at host:port, reads its version, checks the version its id promises, and owns {@code runtime}
   * from then on (closes it on failure too).
   */
  public static RedisServer attach(ServerSpec spec, String host, int port, ServerRuntime runtime, Duration timeout) {
    String name = "Redis " + spec.id() + " (" + runtime.backend() + ") at " + host + ":" + port;
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        RedisServer server = new RedisServer(spec, host, port, handshake(host, port), runtime);
        server.checkPromisedVersion();
        return server;
      } catch (JedisException notYet) {
        if (!runtime.isAlive()) {
          String log = runtime.logTail(20);
          runtime.close();
          throw new HarnessException(name + " exited at start: " + lastLine(log));
        }
        if (System.nanoTime() > deadline) {
          runtime.close();
          throw new HarnessException(name + " did not answer PING within " + timeout.toSeconds() + " s.");
        }
        sleep(20);
      }
    }
  }

  /** A redis-server process and its working directory. */
  private record ProcessRuntime(ChildProcess process, Path workDir) implements ServerRuntime {
    @Override
    public String backend() {
      return "embedded";
    }

    @Override
    public long pid() {
      return process.pid();
    }

    @Override
    public boolean isAlive() {
      return process.isAlive();
    }

    @Override
    public String logTail(int lines) {
      return process.logTail(lines);
    }

    @Override
    public void close() {
      process.close();
      HarnessDirs.deleteTree(workDir);
    }
  }

  private static final class PortTaken extends RuntimeException {
    PortTaken() {
      super(null, null, false, false);
    }
  }

  private static RedisServer connectExternal(ServerSpec spec) {
    URI uri = spec.externalUri().orElseThrow();
    try {
      RedisVersion version = handshake(uri.getHost(), uri.getPort());
      return new RedisServer(spec, uri.getHost(), uri.getPort(), version, null);
    } catch (JedisException e) {
      throw new HarnessException(
          "Cannot reach the external Redis server at " + uri + "; start it or pass another --server.");
    }
  }

  /** PING, then the version from INFO server. Throws JedisException while the server is not up. */
  private static RedisVersion handshake(String host, int port) {
    DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(2000).build();
    try (Jedis jedis = new Jedis(new HostAndPort(host, port), config)) {
      jedis.ping();
      return RedisVersion.parse(infoField(jedis.info("server"), "redis_version"));
    }
  }

  static String infoField(String info, String field) {
    return info.lines()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> l.substring(field.length() + 1).trim())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("INFO has no " + field));
  }

  private void checkPromisedVersion() {
    spec.kind()
        .promisedVersion()
        .filter(promised -> !promised.equals(version))
        .ifPresent(promised -> {
          close();
          throw new HarnessException(
              "Server id " + spec.id() + " promises Redis " + promised + " but the " + (backend().equals("docker") ? "image" : "binary")
              + " reports " + version + ".");
        });
  }

  private static Path binary(ServerKind kind) {
    if (kind == ServerKind.SYSTEM) {
      return HarnessDirs.onPath("redis-server")
          .orElseThrow(() -> new HarnessException(
              "Server id 'system' needs redis-server on PATH (apt-get install redis-server), or use 2.8, 6.2 or 7.0."));
    }
    return HarnessDirs.extractExecutable(kind.resource().orElseThrow());
  }

  private static String lastLine(String log) {
    List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no output." : lines.get(lines.size() - 1).trim();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while waiting for redis-server.");
    }
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
