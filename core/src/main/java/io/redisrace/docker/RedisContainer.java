package io.redisrace.docker;

import io.redisrace.process.Ports;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.ContainerLaunchException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis (or Valkey, or any RESP) server image as a Testcontainers container, in the style of
 * the Testcontainers modules: a pinned image, fluent {@code with...} options, and a readiness
 * check (PING answered) before {@link #start()} returns.
 *
 * <pre>{@code
 * try (RedisContainer redis = new RedisContainer(DockerImageName.parse("redis:7.0.15"), DockerNetworkMode.HOST)) {
 *   redis.start();
 *   new Jedis(redis.clientHost(), redis.clientPort());
 * }
 * }</pre>
 *
 * The server persists nothing ({@code save ""}, no AOF). In host mode it binds 127.0.0.1 on a free
 * port; in bridge mode it listens on 6379 in the container, published on a random host port, and
 * is reachable from other containers of the network under its alias.
 */
public class RedisContainer extends GenericContainer<RedisContainer> {
  public static final int CONTAINER_PORT = 6379;

  private final DockerNetworkMode mode;
  private final int hostPort; // host mode: the port redis-server binds on 127.0.0.1
  private final Map<String, String> config = new LinkedHashMap<>();

  public RedisContainer(DockerImageName image, DockerNetworkMode mode) {
    super(image);
    this.mode = mode;
    this.hostPort = mode == DockerNetworkMode.HOST ? Ports.freePort() : CONTAINER_PORT;
    if (mode == DockerNetworkMode.HOST) {
      withNetworkMode("host");
    } else {
      withExposedPorts(CONTAINER_PORT);
    }
    waitingFor(new PingWait().withStartupTimeout(Duration.ofSeconds(60)));
  }

  /** Extra redis.conf directive, passed as {@code --key value}. */
  public RedisContainer withRedisConfig(String key, String value) {
    config.put(key, value);
    return this;
  }

  @Override
  protected void configure() {
    List<String> cmd = new ArrayList<>(List.of(serverCommand(getDockerImageName())));
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("port", Integer.toString(hostPort));
    if (mode == DockerNetworkMode.HOST) {
      conf.put("bind", Ports.LOOPBACK);
    } else {
      conf.put("bind", "0.0.0.0");
      if (knowsProtectedMode(getDockerImageName())) {
        conf.put("protected-mode", "no"); // clients come through the published port, not loopback
      }
    }
    conf.put("save", "");
    conf.put("appendonly", "no");
    conf.putAll(config);
    conf.forEach((k, v) -> {
      cmd.add("--" + k);
      cmd.add(v);
    });
    setCommand(cmd.toArray(String[]::new));
  }

  /** valkey-server for Valkey images, redis-server for every other image (official or offline). */
  static String serverCommand(String image) {
    String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
    return repository.endsWith("valkey") ? "valkey-server" : "redis-server";
  }

  /** Protected mode exists from Redis 3.2; an image whose tag is no version is taken to be newer. */
  static boolean knowsProtectedMode(String image) {
    Matcher m = Pattern.compile(".*:(\\d+)\\.(\\d+).*").matcher(image);
    return !m.matches() || image.contains("valkey")
        || Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) >= 302;
  }

  public DockerNetworkMode networkMode() {
    return mode;
  }

  /** Where clients on the host connect. */
  public String clientHost() {
    return mode == DockerNetworkMode.HOST ? Ports.LOOPBACK : getHost();
  }

  public int clientPort() {
    return mode == DockerNetworkMode.HOST ? hostPort : getMappedPort(CONTAINER_PORT);
  }

  /** The readiness check: PING answered at the client address, the container still running. */
  private final class PingWait extends AbstractWaitStrategy {
    @Override
    protected void waitUntilReady() {
      long deadline = System.nanoTime() + startupTimeout.toNanos();
      DefaultJedisClientConfig cfg = DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(2000).build();
      while (true) {
        if (!waitStrategyTarget.isRunning()) {
          throw new ContainerLaunchException("the container exited: " + lastLogLine());
        }
        try (Jedis jedis = new Jedis(new HostAndPort(clientHost(), clientPort()), cfg)) {
          jedis.ping();
          return;
        } catch (JedisException notYet) {
          if (System.nanoTime() > deadline) {
            throw new ContainerLaunchException("no PING answer within " + startupTimeout.toSeconds() + " s: " + lastLogLine());
          }
          try {
            Thread.sleep(25);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerLaunchException("interrupted while waiting for PING");
          }
        }
      }
    }
  }

  String lastLogLine() {
    try {
      List<String> lines = getLogs().lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).trim();
    } catch (RuntimeException e) {
      return "no log";
    }
  }
}
