package io.redisrace.server;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the redis-server of one {@link Backend}: {@link EmbeddedRedis} (a local process) here, the
 * docker backend's container launcher in {@code io.redisrace.docker}; registered in
 * {@code META-INF/services/io.redisrace.server.RedisLauncher} and found with
 * {@code backend.launcher(RedisLauncher.class)}.
 */
public interface RedisLauncher extends BackendLauncher {

  /**
   * Starts {@code spec}, waits until it answers PING and checks the version its id promises.
   *
   * @param image the image to run, for a backend that runs images
   * @param config extra redis.conf directives, in order ({@code enable-debug-command yes})
   */
  RedisServer launch(ServerSpec spec, Optional<String> image, Map<String, String> config, Duration startupTimeout);
}
