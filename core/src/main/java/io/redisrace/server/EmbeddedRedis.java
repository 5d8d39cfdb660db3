package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded backend: redis-server as a local process, from the binary shipped in a Maven jar
 * (extracted once into the cache) or from PATH ({@code system}), on a free 127.0.0.1 port.
 */
public final class EmbeddedRedis implements RedisLauncher {

  @Override
  public Backend backend() {
    return Backend.EMBEDDED;
  }

  @Override
  public RedisServer launch(ServerSpec spec, Optional<String> image, Map<String, String> config, Duration startupTimeout) {
    Path binary = binary(spec);
    if (config.containsKey("port")) {
      // A port the user chose (redis-race server --port): that one or none.
      int port = Integer.parseInt(config.get("port"));
      String taken = "Port " + port + " on " + Ports.LOOPBACK + " is already in use; pass another --port or stop what listens there.";
      if (Ports.accepts(Ports.LOOPBACK, port, 200)) {
        throw new HarnessException(taken);
      }
      try {
        return launch(spec, binary, port, config, startupTimeout);
      } catch (PortTaken e) {
        throw new HarnessException(taken);
      }
    }
    HarnessException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return launch(spec, binary, Ports.freePort(), config, startupTimeout);
      } catch (PortTaken e) {
        last = new HarnessException("redis-server could not bind a free port three times in a row.");
      }
    }
    throw last;
  }

  private static RedisServer launch(ServerSpec spec, Path binary, int port, Map<String, String> config, Duration startupTimeout) {
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
    ChildProcess process = ChildProcess.start(name, cmd, dir, dir.resolve("redis.log"), ServerInstaller.environment(binary));
    return RedisServer.attach(name, spec, Ports.LOOPBACK, port, new ProcessRuntime(process, dir), startupTimeout, log -> {
      if (log.contains("Address already in use")) {
        throw new PortTaken();
      }
    });
  }

  /** The redis-server binary of {@code spec}: extracted from its jar into the cache, installed there, or found on PATH. */
  public static Path binary(ServerSpec spec) {
    ServerKind kind = spec.kind();
    if (kind == ServerKind.INSTALLED) {
      ServerManifest.Entry entry = spec.installed().orElseThrow();
      return ServerInstaller.installed(entry).orElseThrow(() -> ServerInstaller.notInstalled(entry));
    }
    if (kind == ServerKind.SYSTEM) {
      return HarnessDirs.onPath("redis-server")
          .orElseThrow(() -> new HarnessException(
              "Server id 'system' needs redis-server on PATH (apt-get install redis-server), or use 2.8, 6.2 or 7.0."));
    }
    return HarnessDirs.extractExecutable(kind.resource().orElseThrow());
  }

  private static final class PortTaken extends RuntimeException {
    PortTaken() {
      super(null, null, false, false);
    }
  }
}
