package io.redisrace.client;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.time.Duration;
import java.util.Optional;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * How a client decides how often a command runs (docs/architecture.md, "Clients decide how often a command
 * runs"). The reliability policy is explicit here, never a hidden default:
 *
 * <ul>
 *   <li>{@code jedis}: one Jedis connection, never replays; a timeout or reset surfaces as an
 *       exception whose outcome is unknown.</li>
 *   <li>{@code jedis-retry}: like {@code UnifiedJedis} with {@code maxAttempts} &gt; 1: any
 *       connection error (read timeouts included) reconnects and runs the whole operation again.</li>
 *   <li>{@code lettuce}: Lettuce's default, at-least-once: auto-reconnect replays commands whose
 *       reply was lost.</li>
 *   <li>{@code lettuce-at-most-once}: auto-reconnect off, commands rejected while disconnected.</li>
 * </ul>
 */
public enum ClientMode implements HasId {
  JEDIS("jedis", Family.JEDIS, 1),
  JEDIS_RETRY("jedis-retry", Family.JEDIS, 3),
  LETTUCE("lettuce", Family.LETTUCE, 1),
  LETTUCE_AT_MOST_ONCE("lettuce-at-most-once", Family.LETTUCE, 1);

  /** The client library behind a mode. */
  public enum Family { JEDIS, LETTUCE }

  /** Connect timeout of every connection the harness opens. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  /** Command (read) timeout of every connection the harness opens. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final String id;
  private final Family family;
  private final int maxAttempts;

  ClientMode(String id, Family family, int maxAttempts) {
    this.id = id;
    this.family = family;
    this.maxAttempts = maxAttempts;
  }

  public String id() {
    return id;
  }

  public Family family() {
    return family;
  }

  /** How many times the harness runs one operation on connection errors (jedis-retry: 3). */
  public int maxAttempts() {
    return maxAttempts;
  }

  public static ClientMode parse(String text) {
    return HasId.parse(ClientMode.class, "client", text);
  }

  public static Optional<ClientMode> byId(String id) {
    return HasId.byId(ClientMode.class, id);
  }

  public static String ids() {
    return HasId.ids(ClientMode.class);
  }

  /** A new Jedis connection to host:port with the harness timeouts. */
  public static Jedis jedis(String host, int port) {
    return jedis(host, port, COMMAND_TIMEOUT);
  }

  /** A new Jedis connection to host:port with the given command (socket read) timeout. */
  public static Jedis jedis(String host, int port, Duration commandTimeout) {
    return new Jedis(
        new HostAndPort(host, port),
        DefaultJedisClientConfig.builder()
            .connectionTimeoutMillis((int) Math.min(CONNECT_TIMEOUT.toMillis(), commandTimeout.toMillis()))
            .socketTimeoutMillis((int) commandTimeout.toMillis())
            .build());
  }

  /**
   * A Lettuce client for this mode. RESP2 is forced so that Redis 2.8 (no HELLO) works the same
   * way as 7.0. Close it after its connections.
   */
  public RedisClient lettuceClient(String host, int port) {
    return lettuceClient(host, port, COMMAND_TIMEOUT);
  }

  /** A Lettuce client for this mode with the given command timeout (the loader uses short ones). */
  public RedisClient lettuceClient(String host, int port, Duration commandTimeout) {
    return lettuceClient(null, host, port, commandTimeout);
  }

  /** The same on the given client resources (null: the client's own); shut them down after the client. */
  public RedisClient lettuceClient(ClientResources resources, String host, int port, Duration commandTimeout) {
    if (family != Family.LETTUCE) {
      throw new IllegalStateException(id + " is not a Lettuce mode");
    }
    RedisURI uri = RedisURI.builder().withHost(host).withPort(port).withTimeout(commandTimeout).build();
    RedisClient client = resources == null ? RedisClient.create(uri) : RedisClient.create(resources, uri);
    client.setOptions(lettuceOptions(commandTimeout));
    return client;
  }

  /**
   * The client options of this Lettuce mode (RESP2, auto-reconnect and disconnected behaviour,
   * timeouts), which a cluster client copies into its own options.
   */
  public ClientOptions lettuceOptions(Duration commandTimeout) {
    if (family != Family.LETTUCE) {
      throw new IllegalStateException(id + " is not a Lettuce mode");
    }
    boolean atLeastOnce = this == LETTUCE;
    return ClientOptions.builder()
        .protocolVersion(ProtocolVersion.RESP2)
        .autoReconnect(atLeastOnce)
        .disconnectedBehavior(atLeastOnce
            ? ClientOptions.DisconnectedBehavior.DEFAULT
            : ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
        .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
        .build();
  }
}
