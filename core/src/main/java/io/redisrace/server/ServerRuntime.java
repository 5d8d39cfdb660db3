package io.redisrace.server;

import java.util.Optional;

/**
 * What a started server runs in, and how it is stopped: a local process (embedded backend) or a
 * container (docker backend). {@link RedisServer} is the same for both; only this differs.
 */
public interface ServerRuntime extends AutoCloseable {

  /** embedded or docker. */
  String backend();

  /** Host pid of the redis-server process (a container's main process too), -1 if unknown. */
  long pid();

  boolean isAlive();

  /** The last lines the server printed, for error messages. */
  String logTail(int lines);

  /**
   * host:port at which other containers reach this server (bridge networking), when that differs
   * from the address clients on the host use.
   */
  default Optional<String> containerAddress() {
    return Optional.empty();
  }

  /** Stops the server and frees what it held; idempotent. */
  @Override
  void close();
}
