package io.redisrace.docker;

import io.redisrace.server.Backend;
import io.redisrace.server.BackendLauncher;
import java.util.Optional;

/** What the docker backend's launchers share: their backend, and that they need a reachable Docker engine. */
interface DockerLauncher extends BackendLauncher {

  @Override
  default Backend backend() {
    return Backend.DOCKER;
  }

  @Override
  default Optional<String> unavailable() {
    return DockerEnvironment.reachable() ? Optional.empty() : Optional.of(DockerEnvironment.whyUnreachable());
  }
}
