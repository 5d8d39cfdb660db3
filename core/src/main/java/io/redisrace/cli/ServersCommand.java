package io.redisrace.cli;

import io.redisrace.HarnessException;
import io.redisrace.command.BackendOption;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.toxi.ToxiproxyServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code redis-race servers}: starts each server id and Toxiproxy once and prints what answered. */
@Command(name = "servers", mixinStandardHelpOptions = true,
    description = "Starts every server id (and Toxiproxy) once and prints the version each reports.")
public final class ServersCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin BackendOption backendOption;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Backend backend = backendOption.backend();
    for (ServerKind kind : ServerKind.values()) {
      if (kind == ServerKind.EXTERNAL) {
        out.printf("%-9s %s%n", kind.id(), "redis://host:port, not started by the harness");
        continue;
      }
      if (kind == ServerKind.DOCKER) {
        out.printf("%-9s %s%n", kind.id(), "docker:<image>, e.g. docker:redis:7.4 (needs a Docker engine)");
        continue;
      }
      try (RedisServer redis = RedisServer.builder(kind).withBackend(backend).start()) {
        out.printf("%-9s Redis %-8s %-8s pid %d, port %d%n", kind.id(), redis.version(), redis.backend(), redis.pid(), redis.port());
      } catch (HarnessException e) {
        out.printf("%-9s unavailable: %s%n", kind.id(), e.getMessage());
      }
      out.flush();
    }
    try (ToxiproxyServer toxiproxy = ToxiproxyServer.start(backend)) {
      out.printf("%-9s %s%n", "toxiproxy", toxiproxy);
    } catch (HarnessException e) {
      out.printf("%-9s unavailable: %s%n", "toxiproxy", e.getMessage());
    }
    return 0;
  }
}
