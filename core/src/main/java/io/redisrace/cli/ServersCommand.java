package io.redisrace.cli;

import io.redisrace.HarnessException;
import io.redisrace.command.BackendOption;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerInstaller;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerManifest;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.ToxiproxyServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redis-race servers}: every server id of the manifest (installed or not, the version INFO
 * reports, whether it answered PING), then system, external, docker and Toxiproxy.
 * {@code --install <ids|all>} first fetches, checks and caches the named versions.
 */
@Command(name = "servers", mixinStandardHelpOptions = true,
    description = "Lists every server id (installed or not; each installed one is started once and must answer PING), and Toxiproxy.")
public final class ServersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BackendOption backendOption;

  @Option(names = "--install", paramLabel = "IDS",
      description = "Install these ids of the manifest first (comma separated, or all): fetched with mvn, pip or apt-get, sha256-checked, cached.")
  String install;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ServerManifest manifest = ServerManifest.builtIn();
    int failed = 0;
    if (install != null) {
      List<ServerManifest.Entry> picked = manifest.select(install);
      for (ServerManifest.Entry e : picked) {
        long t0 = System.nanoTime();
        boolean had = ServerInstaller.installed(e).isPresent();
        out.printf("installing %-13s %s from %s ... ", e.id(), e, e.sourceKind().id() + (e.source().isEmpty() ? "" : ":" + e.source()));
        out.flush();
        try {
          Path bin = ServerInstaller.install(e);
          out.printf("%s in %.1f s: %s%n", had ? "already installed" : "ok", (System.nanoTime() - t0) / 1e9, bin);
        } catch (HarnessException ex) {
          failed++;
          out.printf("failed in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, ex.getMessage());
        }
        out.flush();
      }
    }
    Backend backend = backendOption.backend();
    int answered = 0;
    for (ServerManifest.Entry e : manifest.entries()) {
      ServerSpec s = ServerSpec.of(e);
      String id = e.id() + (s.kind() == ServerKind.INSTALLED ? "" : " (" + s.id() + ")");
      if (s.kind() == ServerKind.INSTALLED && ServerInstaller.installed(e).isEmpty()) {
        out.printf("%-21s %-13s not installed (redis-race servers --install %s)%n", id, e, e.id());
        continue;
      }
      try (RedisServer redis = RedisServer.builder(s).withBackend(s.kind() == ServerKind.INSTALLED ? Backend.EMBEDDED : backend).start()) {
        answered++;
        out.printf("%-21s %-13s installed, INFO redis_version %-7s answered PING (%s, pid %d, port %d)%n", id, e, redis.version(),
            redis.backend(), redis.pid(), redis.port());
      } catch (HarnessException ex) {
        out.printf("%-21s %-13s installed, did not answer: %s%n", id, e, ex.getMessage());
      }
      out.flush();
    }
    manifest.leftOut().forEach(l -> out.printf("%-21s %s%n", "left out", l));
    try (RedisServer redis = RedisServer.builder(ServerKind.SYSTEM).withBackend(Backend.EMBEDDED).start()) {
      out.printf("%-21s Redis %-7s answered PING (redis-server on PATH)%n", "system", redis.version());
    } catch (HarnessException ex) {
      out.printf("%-21s unavailable: %s%n", "system", ex.getMessage());
    }
    out.printf("%-21s %s%n", "external", "redis://host:port, not started by the harness");
    out.printf("%-21s %s%n", "docker", "docker:<image>, e.g. docker:redis:7.4 (needs a Docker engine)");
    try (ToxiproxyServer toxiproxy = ToxiproxyServer.start(backend)) {
      out.printf("%-21s %s%n", "toxiproxy", toxiproxy);
    } catch (HarnessException e) {
      out.printf("%-21s unavailable: %s%n", "toxiproxy", e.getMessage());
    }
    out.printf("%d server versions answered PING.%n", answered);
    return failed == 0 ? 0 : 1;
  }
}
