package io.redisrace.topology;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.internal.HostAndPort;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.MappingSocketAddressResolver;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterConnections;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.SentineledConnectionProvider;

/**
 * Clients in Sentinel mode, with the reliability of their {@link ClientMode}: they ask the
 * Sentinels (through the Sentinels' client proxies) where the primary is, and dial the node's
 * client proxy instead of the peer address Sentinel hands out
 * ({@link SentinelTopology#clientAddressMap()}), so that a client and the Sentinels reach a node
 * through different proxies.
 *
 * <ul>
 *   <li>Jedis: a {@link SentineledConnectionProvider} (Jedis 5.2), which subscribes to
 *       {@code +switch-master} on the Sentinels and moves its pool to the new primary; {@code jedis}
 *       runs each command once ({@link JedisSentineled}), {@code jedis-retry} up to
 *       {@link ClientMode#maxAttempts()} times on connection errors.</li>
 *   <li>Lettuce: a Sentinel {@link RedisURI}; on every (re)connect Lettuce 6.5 asks a Sentinel for
 *       the primary ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}), and Sentinel's reconfiguration kills
 *       the clients of a demoted primary ({@code CLIENT KILL TYPE normal}), so the connection
 *       follows a failover when it reconnects; the mode's auto-reconnect and disconnected behaviour
 *       are kept.</li>
 * </ul>
 */
public final class SentinelClients {
  private SentinelClients() {}

  /** A Jedis client of the primary in {@code mode} (jedis or jedis-retry). */
  public static UnifiedJedis jedis(SentinelTopology t, ClientMode mode, Duration commandTimeout) {
    if (mode.family() != ClientMode.Family.JEDIS) {
      throw new IllegalStateException(mode.id() + " is not a Jedis mode");
    }
    SentineledConnectionProvider provider = provider(t, commandTimeout);
    return mode.maxAttempts() > 1
        ? new UnifiedJedis(provider, mode.maxAttempts(), commandTimeout.multipliedBy(mode.maxAttempts()))
        : new JedisSentineled(provider);
  }

  /**
   * The Jedis connection provider of the primary (a pool of up to {@value #POOL} connections, moved by
   * {@code +switch-master}); close it after its connections.
   */
  public static SentineledConnectionProvider provider(SentinelTopology t, Duration commandTimeout) {
    Map<redis.clients.jedis.HostAndPort, redis.clients.jedis.HostAndPort> map = t.clientAddressMap();
    JedisClientConfig master = config(commandTimeout).hostAndPortMapper(a -> map.getOrDefault(a, a)).build();
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(POOL);
    pool.setMaxIdle(POOL);
    return new SentineledConnectionProvider(t.masterName(), master, pool, t.sentinelAddresses(), config(commandTimeout).build());
  }

  /** The most connections one {@link #provider} pool holds: a hunt's threads and a bench's. */
  public static final int POOL = 300;

  /**
   * Counter connections to the primary in Sentinel mode: Jedis connections to the primary that one
   * {@link #provider}'s {@code +switch-master} listeners name (its {@code target}), or Lettuce
   * connections of a Sentinel {@link RedisURI}. The driver keeps the mode's reliability: it reopens
   * after a connection error, and replays only in at-least-once modes.
   */
  public static CounterConnections counterConnections(SentinelTopology t, ClientMode mode) {
    boolean lettuceMode = mode.family() == ClientMode.Family.LETTUCE;
    SentineledConnectionProvider provider = lettuceMode ? null : provider(t, ClientMode.COMMAND_TIMEOUT);
    LettuceSentinel lettuce = lettuceMode ? lettuce(t, mode, ClientMode.COMMAND_TIMEOUT) : null;
    Map<redis.clients.jedis.HostAndPort, redis.clients.jedis.HostAndPort> clients = t.clientAddressMap();
    return new CounterConnections() {
      /**
       * A connection of its own to the primary the pool's {@code +switch-master} listeners name now
       * (through its client proxy): a connection taken from the pool itself could come from the
       * old pool while {@code +switch-master} swaps it, and so go to the old primary although
       * {@link #target} already names the new one.
       */
      @Override
      public Jedis jedis() {
        redis.clients.jedis.HostAndPort master = provider.getCurrentMaster();
        redis.clients.jedis.HostAndPort client = clients.getOrDefault(master, master);
        return ClientMode.jedis(client.getHost(), client.getPort());
      }

      @Override
      public StatefulRedisConnection<String, String> lettuce() {
        return lettuce.connect();
      }

      /** The primary the Jedis pool dials now (moved by {@code +switch-master}); Lettuce asks on each reconnect instead. */
      @Override
      public Object target() {
        return provider == null ? null : provider.getCurrentMaster();
      }

      @Override
      public void close() {
        if (provider != null) {
          provider.close();
        }
        if (lettuce != null) {
          lettuce.close();
        }
      }
    };
  }

  private static DefaultJedisClientConfig.Builder config(Duration commandTimeout) {
    return DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) Math.min(ClientMode.CONNECT_TIMEOUT.toMillis(), commandTimeout.toMillis()))
        .socketTimeoutMillis((int) commandTimeout.toMillis());
  }

  /** A Lettuce client in Sentinel mode; {@link LettuceSentinel#connect()} gives a connection to the primary. */
  public static LettuceSentinel lettuce(SentinelTopology t, ClientMode mode, Duration commandTimeout) {
    SentinelEndpoint endpoint = SentinelEndpoint.of(t);
    ClientResources resources = DefaultClientResources.builder().socketAddressResolver(resolver(endpoint)).build();
    List<redis.clients.jedis.HostAndPort> sentinels = endpoint.sentinels();
    RedisURI sentinelUri = uri(endpoint, commandTimeout);
    // The mode's options (RESP2, reconnect, disconnected behaviour, timeouts) live on the client; the URI says where.
    RedisClient client = mode.lettuceClient(resources, sentinels.get(0).getHost(), sentinels.get(0).getPort(), commandTimeout);
    return new LettuceSentinel(client, resources, sentinelUri);
  }

  /** Lettuce's resolver that dials the endpoint's node map instead of each address a Sentinel hands out. */
  public static MappingSocketAddressResolver resolver(SentinelEndpoint endpoint) {
    Function<HostAndPort, HostAndPort> mapping = a -> {
      redis.clients.jedis.HostAndPort to = endpoint.nodeMap().get(new redis.clients.jedis.HostAndPort(a.getHostText(), a.getPort()));
      return to == null ? a : HostAndPort.of(to.getHost(), to.getPort());
    };
    return MappingSocketAddressResolver.create(mapping);
  }

  /** The Sentinel {@link RedisURI} of the endpoint's primary: every Sentinel, the command timeout. */
  public static RedisURI uri(SentinelEndpoint endpoint, Duration commandTimeout) {
    List<redis.clients.jedis.HostAndPort> sentinels = endpoint.sentinels();
    RedisURI.Builder uri = RedisURI.Builder.sentinel(sentinels.get(0).getHost(), sentinels.get(0).getPort(), endpoint.masterName());
    sentinels.subList(1, sentinels.size()).forEach(s -> uri.withSentinel(s.getHost(), s.getPort()));
    return uri.withTimeout(commandTimeout).build();
  }

  /** A Lettuce client and its resources, with the Sentinel URI of the topology's primary. */
  public record LettuceSentinel(RedisClient client, ClientResources resources, RedisURI uri) implements AutoCloseable {
    public StatefulRedisConnection<String, String> connect() {
      return client.connect(uri);
    }

    @Override
    public void close() {
      client.shutdown(0, 2, TimeUnit.SECONDS);
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
