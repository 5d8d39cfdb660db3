package io.redisrace.topology;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.internal.HostAndPort;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.MappingSocketAddressResolver;
import io.redisrace.HasId;
import io.redisrace.client.ClientMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Cluster clients with the reliability of their {@link ClientMode}. Both learn the slot map from
 * the seeds ({@code CLUSTER SLOTS}) and dial, for every address the cluster hands out, the address
 * {@link ClusterAddresses#dial} gives (a {@link ClusterTopology}'s client proxies).
 *
 * <ul>
 *   <li>Jedis 5.2: a {@link JedisCluster} on a {@link ClusterConnectionProvider}. Its
 *       {@code maxAttempts} is the mode's: {@code jedis} runs each command once (a MOVED or a
 *       connection error is the caller's), {@code jedis-retry} up to 3 times, renewing the slot map
 *       after a MOVED or a connection error and running a command again whose outcome is unknown:
 *       at-least-once.</li>
 *   <li>Lettuce 6.5: a {@link RedisClusterClient} with the mode's options (RESP2, auto-reconnect
 *       and disconnected behaviour: {@code lettuce} replays after a reconnect, at-least-once), and
 *       a {@link Refresh}: {@code static} (Lettuce's default: the slot map read at connect, MOVED
 *       followed without updating it) or {@code adaptive} (every adaptive trigger: MOVED, ASK,
 *       persistent reconnects, unknown nodes, uncovered slots refresh the slot map).</li>
 * </ul>
 */
public final class ClusterClients {
  private ClusterClients() {}

  /** How a Lettuce cluster client keeps its slot map. */
  public enum Refresh implements HasId {
    STATIC,
    ADAPTIVE;

    @Override
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Refresh parse(String text) {
      return HasId.parse(Refresh.class, "topology refresh", text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
    }
  }

  /** A JedisCluster of {@code mode} (jedis or jedis-retry) and the provider it routes with. */
  public static JedisClusterClient jedis(ClusterAddresses a, ClientMode mode, Duration commandTimeout) {
    if (mode.family() != ClientMode.Family.JEDIS) {
      throw new IllegalStateException(mode.id() + " is not a Jedis mode");
    }
    DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) Math.min(ClientMode.CONNECT_TIMEOUT.toMillis(), commandTimeout.toMillis()))
        .socketTimeoutMillis((int) commandTimeout.toMillis())
        .hostAndPortMapper(a::dial)
        .build();
    GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
    pool.setMaxTotal(-1); // one connection per worker and node, held by the cluster counters
    pool.setJmxEnabled(false);
    ClusterConnectionProvider provider = new ClusterConnectionProvider(a.seeds(), config, pool);
    return new JedisClusterClient(new JedisCluster(provider, mode.maxAttempts(), commandTimeout.multipliedBy(mode.maxAttempts())),
        provider, mode);
  }

  /** A JedisCluster and its provider (slot to node, pooled connections); closing it closes both. */
  public record JedisClusterClient(JedisCluster cluster, ClusterConnectionProvider provider, ClientMode mode) implements AutoCloseable {
    @Override
    public void close() {
      cluster.close();
    }
  }

  /** A Lettuce cluster client of {@code mode}; {@link LettuceCluster#connect()} gives a cluster connection. */
  public static LettuceCluster lettuce(ClusterAddresses a, ClientMode mode, Refresh refresh, Duration commandTimeout) {
    return lettuce(a, mode, refresh, commandTimeout, null);
  }

  /** The same, reconnecting after {@code reconnectDelay} (null: Lettuce's default, doubling up to 30 s). */
  public static LettuceCluster lettuce(ClusterAddresses a, ClientMode mode, Refresh refresh, Duration commandTimeout,
      io.lettuce.core.resource.Delay reconnectDelay) {
    Function<HostAndPort, HostAndPort> mapping = h -> {
      redis.clients.jedis.HostAndPort to = a.dial(new redis.clients.jedis.HostAndPort(h.getHostText(), h.getPort()));
      return HostAndPort.of(to.getHost(), to.getPort());
    };
    ClientResources.Builder builder = DefaultClientResources.builder()
        .socketAddressResolver(MappingSocketAddressResolver.create(mapping));
    if (reconnectDelay != null) {
      builder.reconnectDelay(reconnectDelay);
    }
    ClientResources resources = builder.build();
    List<RedisURI> seeds = a.seeds().stream()
        .map(s -> RedisURI.builder().withHost(s.getHost()).withPort(s.getPort()).withTimeout(commandTimeout).build()).toList();
    RedisClusterClient client = RedisClusterClient.create(resources, seeds);
    ClusterTopologyRefreshOptions.Builder topology = ClusterTopologyRefreshOptions.builder();
    if (refresh == Refresh.ADAPTIVE) {
      topology.enableAllAdaptiveRefreshTriggers().adaptiveRefreshTriggersTimeout(Duration.ofMillis(200));
    }
    client.setOptions(ClusterClientOptions.builder(mode.lettuceOptions(commandTimeout))
        .topologyRefreshOptions(topology.build())
        .build());
    return new LettuceCluster(client, resources, mode, refresh);
  }

  /** A Lettuce cluster client and its resources. */
  public record LettuceCluster(RedisClusterClient client, ClientResources resources, ClientMode mode, Refresh refresh)
      implements AutoCloseable {
    public StatefulRedisClusterConnection<String, String> connect() {
      return client.connect();
    }

    @Override
    public void close() {
      client.shutdown(0, 2, TimeUnit.SECONDS);
      resources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }
}
