package io.redisrace.chaos.runner;

import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.client.ClientMode;
import io.redisrace.server.RedisServer;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import io.redisrace.topology.SentinelTopology;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** {@code --topology single}: one redis-server; loader A through a proxy of its own, the others directly. */
final class SingleDeployment implements Deployment {
  private final RedisServer redis;
  private final ToxiproxyServer toxiproxy;

  SingleDeployment(RedisServer redis, ToxiproxyServer toxiproxy) {
    this.redis = redis;
    this.toxiproxy = toxiproxy;
  }

  RedisServer redis() {
    return redis;
  }

  @Override
  public String id() {
    return redis.id();
  }

  @Override
  public String version() {
    return redis.version().toString();
  }

  @Override
  public String backend() {
    return redis.backend();
  }

  @Override
  public ToxiproxyServer toxiproxy() {
    return toxiproxy;
  }

  @Override
  public Paths paths(String prefix, LoaderSpec base) {
    RedisProxy proxy = toxiproxy.proxy(prefix, redis);
    return new Paths(base.at(proxy.host(), proxy.port()), base.at(redis.host(), redis.port()), proxy, proxy);
  }

  @Override
  public Jedis admin() {
    return ClientMode.jedis(redis.host(), redis.port());
  }

  @Override
  public HostAndPort primaryAddress() {
    return redis.hostAndPort();
  }

  @Override
  public String primaryName() {
    return "redis";
  }

  @Override
  public Optional<SentinelTopology> topology() {
    return Optional.empty();
  }

  @Override
  public Optional<String> awaitHealthy() {
    return Optional.empty();
  }

  @Override
  public Map<String, Long> listLengths(String key) {
    try (Jedis j = admin()) {
      return Map.of("redis", j.llen(key));
    }
  }

  @Override
  public void close() {
    redis.close();
  }
}
