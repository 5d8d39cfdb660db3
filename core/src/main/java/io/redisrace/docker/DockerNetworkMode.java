package io.redisrace.docker;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.util.Locale;

/**
 * How containers are wired to the host. Chosen with {@code -Dharness.docker.network=host|bridge}
 * or {@code REDIS_RACE_DOCKER_NETWORK}; default bridge.
 *
 * <ul>
 *   <li>{@code bridge}: Testcontainers' default: each container on a Docker network, its port
 *       published on a random host port (docker-proxy in the path). Works everywhere, Docker
 *       Desktop included.</li>
 *   <li>{@code host}: Linux only: the container shares the host's network; redis-server is started
 *       with {@code --bind 127.0.0.1 --port <free port>}, Toxiproxy with {@code -host=127.0.0.1}.
 *       No proxy in the path (benchmarks), and all traffic stays on 127.0.0.1.</li>
 * </ul>
 */
public enum DockerNetworkMode implements HasId {
  BRIDGE,
  HOST;

  public static final String PROPERTY = "harness.docker.network";
  public static final String ENV = "REDIS_RACE_DOCKER_NETWORK";

  public static DockerNetworkMode configured() {
    String v = System.getProperty(PROPERTY);
    if (v == null || v.isBlank()) {
      v = System.getenv(ENV);
    }
    return v == null || v.isBlank() ? BRIDGE : parse(v);
  }

  public static DockerNetworkMode parse(String text) {
    return HasId.byId(DockerNetworkMode.class, text.trim().toLowerCase(Locale.ROOT))
        .orElseThrow(() -> new HarnessException("Unknown Docker network mode '" + text + "'; use host or bridge."));
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
