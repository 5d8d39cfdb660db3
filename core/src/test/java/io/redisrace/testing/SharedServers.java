package io.redisrace.testing;

import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.EnumMap;
import java.util.Map;

/**
 * One real server per kind (and one Toxiproxy) per test JVM, started on first use. They are
 * started by the tests themselves, never by anything outside the build, and stopped when the test
 * JVM exits (ChildProcess' shutdown hook; the reaper pipe covers a killed JVM).
 */
public final class SharedServers {
  private static final Map<ServerKind, RedisServer> REDIS = new EnumMap<>(ServerKind.class);
  private static final Map<ServerKind, ClusterTopology> CLUSTERS = new EnumMap<>(ServerKind.class);
  private static ToxiproxyServer toxiproxy;

  private SharedServers() {}

  public static synchronized RedisServer redis(ServerKind kind) {
    return REDIS.computeIfAbsent(kind, RedisServer::start);
  }

  /** One healthy Redis Cluster per kind; a test that strikes it leaves it healthy (every fault heals). */
  public static synchronized ClusterTopology cluster(ServerKind kind) {
    ClusterTopology c = CLUSTERS.computeIfAbsent(kind, k -> ClusterTopology.builder(k).toxiproxy(toxiproxy()).start());
    if (c.problem().isPresent()) {
      throw new IllegalStateException("the shared cluster is not healthy: " + c.problem().get());
    }
    return c;
  }

  public static synchronized ToxiproxyServer toxiproxy() {
    if (toxiproxy == null) {
      toxiproxy = ToxiproxyServer.start();
    }
    return toxiproxy;
  }
}
