package io.redisrace.server;

import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import java.nio.file.Path;

/**
 * A server that runs as a local process ({@link ChildProcess}) in a working directory of its own,
 * which closing deletes: the embedded backend's redis-server, and a Sentinel of the Sentinel topology.
 */
public record ProcessRuntime(ChildProcess process, Path workDir) implements ServerRuntime {
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
