package io.redisrace.server;

import io.redisrace.HarnessException;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** The health check of a server being started: PING, then the version from {@code INFO server}. */
final class ServerProbe {
  private ServerProbe() {}

  /** PING, then the version from INFO server. Throws JedisException while the server is not up. */
  static RedisVersion handshake(String host, int port) {
    DefaultJedisClientConfig config = DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(2000).build();
    try (Jedis jedis = new Jedis(new HostAndPort(host, port), config)) {
      jedis.ping();
      return RedisVersion.parse(infoField(jedis.info("server"), "redis_version"));
    }
  }

  static String infoField(String info, String field) {
    return info.lines()
        .filter(l -> l.startsWith(field + ":"))
        .map(l -> l.substring(field.length() + 1).trim())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("INFO has no " + field));
  }

  static String lastLine(String log) {
    List<String> lines = log.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "no output." : lines.get(lines.size() - 1).trim();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while waiting for redis-server.");
    }
  }
}
