package io.redisrace.server;

import java.util.Optional;

/**
 * What starts a part (a Redis server, a Toxiproxy) on one {@link Backend}. Implementations are
 * registered in {@code META-INF/services/<the launcher interface>} and found by
 * {@link Backend#launcher(Class)}, so the packages that define the interfaces do not depend on the
 * backends that implement them.
 */
public interface BackendLauncher {

  /** The backend this launcher starts its part on. */
  Backend backend();

  /** Why this launcher cannot start anything here (Docker not reachable), empty when it can. */
  default Optional<String> unavailable() {
    return Optional.empty();
  }
}
