package io.redisrace.hunt;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterConnections;
import io.redisrace.server.RedisEndpoint;
import io.redisrace.server.RedisVersion;
import io.redisrace.topology.SentinelClients;
import io.redisrace.topology.SentinelTopology;
import java.util.function.Function;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * What a hunt runs against: the server's id and version, the counters' connections for a client
 * mode, and the harness's own connection to whichever node holds the data now ({@code admin}: it
 * clears the keyspace before the hunt and audits it after). One server at a host:port, or the
 * primary of a Sentinel topology.
 */
public record HuntTarget(String serverId, RedisVersion version, String where, Supplier<Jedis> admin,
    Function<ClientMode, CounterConnections> connections) {

  /** One server, or a proxy in front of it. */
  public static HuntTarget of(RedisEndpoint server) {
    return new HuntTarget(server.serverId(), server.version(), server.host() + ":" + server.port(),
        () -> ClientMode.jedis(server.host(), server.port()), mode -> CounterConnections.direct(mode, server.host(), server.port()));
  }

  /**
   * The primary of {@code t}: counters reach it in Sentinel mode through their client proxies; the
   * harness dials the node the Sentinels name as primary directly, each time it asks.
   */
  public static HuntTarget of(SentinelTopology t) {
    return new HuntTarget(t.spec().id(), t.spec().promisedVersion().orElseThrow(), "Sentinel master " + t.masterName(), () -> t.primary().jedis(),
        mode -> SentinelClients.counterConnections(t, mode));
  }
}
