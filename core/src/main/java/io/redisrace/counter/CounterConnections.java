package io.redisrace.counter;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.client.ClientMode;
import redis.clients.jedis.Jedis;

/**
 * Where a {@link CounterDriver} opens the connections its counters run on: one server at a
 * host:port ({@link #direct}), or the primary of a replicated topology found through Sentinel
 * ({@code SentinelClients.counterConnections}). A variant is written against a {@link Jedis} or a
 * Lettuce connection and never knows which; the client mode's reliability is the driver's.
 */
public interface CounterConnections extends AutoCloseable {

  /** A new Jedis connection (closing it closes or returns the connection). */
  Jedis jedis();

  /** A new Lettuce connection. */
  StatefulRedisConnection<String, String> lettuce();

  /**
   * Where a new connection goes now, when that can move (a Sentinel pool, after
   * {@code +switch-master}); {@code null} when it cannot. A reopening counter whose connection was
   * opened towards another target reopens before its next operation, as a client that borrows a
   * pooled connection for each command ({@code JedisSentineled}) would, rather than staying on a
   * demoted or restarted old primary until that drops it.
   */
  default Object target() {
    return null;
  }

  /** Releases what the connections shared (a Lettuce client, a Sentinel pool). */
  @Override
  void close();

  /** Connections straight to host:port, with the harness timeouts. */
  static CounterConnections direct(ClientMode mode, String host, int port) {
    RedisClient client = mode.family() == ClientMode.Family.LETTUCE ? mode.lettuceClient(host, port) : null;
    return new CounterConnections() {
      @Override
      public Jedis jedis() {
        return ClientMode.jedis(host, port);
      }

      @Override
      public StatefulRedisConnection<String, String> lettuce() {
        return client.connect();
      }

      @Override
      public void close() {
        if (client != null) {
          client.shutdown();
        }
      }
    };
  }
}
