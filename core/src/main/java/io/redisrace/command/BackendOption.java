package io.redisrace.command;

import io.redisrace.server.Backend;
import picocli.CommandLine.Option;

/** {@code --backend}, the same on every CLI: where the servers the command starts run. */
public final class BackendOption {

  @Option(names = "--backend", paramLabel = "NAME",
      description = "Where servers run: embedded, docker, external or auto (default: -Dharness.backend, $REDIS_RACE_BACKEND, else embedded).")
  String backend;

  public Backend backend() {
    // Blank is what the pom passes when -Dharness.backend is not given: the default, as if absent.
    return backend == null || backend.isBlank() ? Backend.configured() : Backend.parse(backend);
  }
}
