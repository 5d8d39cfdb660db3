package io.redisrace.testing;

import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
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
  private static ToxiproxyServer toxiproxy;

  private SharedServers() {}

  public static synchronized RedisServer redis(ServerKind kind) {
    return REDIS.computeIfAbsent(kind, RedisServer::start);
  }

  public static synchronized ToxiproxyServer toxiproxy() {
    if (toxiproxy == null) {
      toxiproxy = ToxiproxyServer.start();
    }
    return toxiproxy;
  }
}
