package io.redisrace.cli;

import io.redisrace.HarnessException;
import io.redisrace.command.DurationConverter;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.Topology;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redis-race server --server 7.0 [--port N] [--for 30s]}: one shipped redis-server (the
 * harness's own binaries, nothing to install) for trying the loader by hand. It stops after
 * {@code --for}, on Ctrl-C or SIGTERM, and never outlives this JVM ({@code ChildProcess}).
 * {@code --topology sentinel} starts a primary, two replicas and three Sentinels instead
 * (docs/sentinel.md), {@code --topology cluster} Redis Cluster of three primaries with one replica
 * each (docs/cluster.md).
 */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Starts one shipped redis-server on 127.0.0.1 (nothing to install) and stops it after --for or on Ctrl-C.")
public final class ServerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--server", defaultValue = "7.0", paramLabel = "ID", description = "2.8, 6.2, 7.0, system or an installed version such as 7.2.4 or valkey-9.1.2"
      + " (redis-race servers --install; sentinel and cluster need 5.0 or later) (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(names = "--port", paramLabel = "N", description = "Port on 127.0.0.1 (default: a free one).")
  Integer port;

  @Option(names = "--for", defaultValue = "10m", paramLabel = "DURATION",
      description = "Stop the server after this long, like 30s or 10m (default: ${DEFAULT-VALUE}).")
  String forText;

  @Option(names = "--topology", defaultValue = "single", paramLabel = "TOPOLOGY",
      description = "single (one server), sentinel (a primary, two replicas, three Sentinels) or cluster (three primaries with a replica each)"
          + " (default: ${DEFAULT-VALUE}).")
  String topology;

  @Option(names = "--persistence", defaultValue = "none", paramLabel = "MODE",
      description = "With --topology sentinel or cluster: none, aof-everysec or aof-always (default: ${DEFAULT-VALUE}).")
  String persistence;

  @Override
  public Integer call() throws InterruptedException {
    Duration bound = DurationConverter.parse(forText);
    if (bound.isZero() || bound.isNegative()) {
      throw new HarnessException("--for must be a positive duration like 30s or 10m, not '" + forText + "'.");
    }
    if (port != null && (port < 1 || port > 65535)) {
      throw new HarnessException("--port must be between 1 and 65535, not " + port + ".");
    }
    ServerSpec s = ServerSpec.parse(server);
    if (s.kind() == ServerKind.EXTERNAL || s.kind() == ServerKind.DOCKER) {
      throw new HarnessException("redis-race server starts a local server: use --server 2.8, 6.2, 7.0, system or an installed version such as"
          + " 7.2.4, not '" + server + "'.");
    }
    Persistence mode = Persistence.parse(persistence);
    Topology t = Topology.parse(topology);
    if (t != Topology.SINGLE && port != null) {
      throw new HarnessException("--port applies to --topology single; the " + t.id() + " topology takes free ports.");
    }
    if (t != Topology.SINGLE) {
      t.requireRunnableOn(s.unpinned()); // before any process starts: too old, not installed
    }
    if (t == Topology.SENTINEL) {
      return sentinel(s.unpinned(), mode, bound);
    }
    if (t == Topology.CLUSTER) {
      return cluster(s.unpinned(), mode, bound);
    }
    RedisServer.Builder builder = RedisServer.builder(s.unpinned()).withBackend(Backend.EMBEDDED);
    if (port != null) {
      builder.withConfig("port", Integer.toString(port));
    }
    PrintWriter out = spec.commandLine().getOut();
    try (RedisServer redis = builder.start()) {
      out.printf("redis-race: Redis %s at %s:%d (stops after %s or Ctrl-C)%n", redis.version(), redis.host(), redis.port(), forText.trim());
      out.flush();
      Thread.sleep(bound.toMillis()); // Ctrl-C / SIGTERM: ChildProcess's shutdown hook stops the server
    }
    out.println("redis-race: stopped after " + forText.trim() + ".");
    return 0;
  }

  private int cluster(ServerSpec server, Persistence mode, Duration bound) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (ClusterTopology c = ClusterTopology.builder(server).persistence(mode).start()) {
      out.printf("redis-race: cluster of %s healthy after %d ms (cluster_state:ok, 3 primaries, 3 replicas): seed nodes %s,"
          + " persistence %s (stops after %s or Ctrl-C)%n", Topology.describe(server), c.startup().toMillis(),
          String.join(",", c.primaries().stream().map(n -> n.clientAddress().toString()).toList()), mode.id(), forText.trim());
      out.flush();
      Thread.sleep(bound.toMillis());
    }
    out.println("redis-race: stopped after " + forText.trim() + ".");
    return 0;
  }

  private int sentinel(ServerSpec server, Persistence mode, Duration bound) throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    try (SentinelTopology t = SentinelTopology.builder(server).persistence(mode).start()) {
      out.printf("redis-race: Sentinel topology of %s healthy after %d ms: master name %s, Sentinels at %s,"
          + " persistence %s (stops after %s or Ctrl-C)%n", Topology.describe(server), t.startup().toMillis(), t.masterName(),
          String.join(",", t.sentinelAddresses().stream().map(Object::toString).toList()), mode.id(), forText.trim());
      out.flush();
      Thread.sleep(bound.toMillis());
    }
    out.println("redis-race: stopped after " + forText.trim() + ".");
    return 0;
  }
}
