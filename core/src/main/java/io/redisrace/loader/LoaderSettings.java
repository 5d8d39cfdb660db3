package io.redisrace.loader;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.SentinelEndpoint;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/**
 * One loader run: where to read, where to write, how.
 *
 * @param host         Redis (or proxy) host
 * @param port         Redis (or proxy) port
 * @param mode         client mode
 * @param variant      loader variant
 * @param jdbcUrl      source JDBC URL
 * @param table        source table {@code (id, payload)}
 * @param chunkSize    rows per chunk, at least 1
 * @param keys         Redis keys of the load
 * @param startChunk   first chunk to work on; the loader goes on in order and wraps around
 * @param timeout      command timeout of the Redis client
 * @param readDelayMs  extra milliseconds spent reading each chunk (a slow source), 0 for none
 * @param variantOptions options of the variant ({@link LoaderVariant#optionNames()}), e.g. {@code lease-ms}
 * @param sentinel     null for one server at host:port; else the Sentinels to ask for the primary
 *                     (host and port then only name the loader's first address in messages)
 * @param cluster      null unless on a cluster: its seeds and node map; the loader runs its variant on
 *                     the connection to the primary serving its keys' slot (host and port then only
 *                     name the first seed in messages)
 * @param refresh      on a cluster, how a Lettuce loader's client keeps its slot map ({@code static}
 *                     or {@code adaptive}); null is static. The Jedis modes have no such setting
 */
public record LoaderSettings(
    String host,
    int port,
    ClientMode mode,
    LoaderVariant variant,
    String jdbcUrl,
    String table,
    int chunkSize,
    LoaderKeys keys,
    int startChunk,
    Duration timeout,
    long readDelayMs,
    Map<String, String> variantOptions,
    SentinelEndpoint sentinel,
    ClusterAddresses cluster,
    ClusterClients.Refresh refresh) {

  /** Settings of a loader with a static slot map on a cluster. */
  public LoaderSettings(String host, int port, ClientMode mode, LoaderVariant variant, String jdbcUrl, String table, int chunkSize,
      LoaderKeys keys, int startChunk, Duration timeout, long readDelayMs, Map<String, String> variantOptions, SentinelEndpoint sentinel,
      ClusterAddresses cluster) {
    this(host, port, mode, variant, jdbcUrl, table, chunkSize, keys, startChunk, timeout, readDelayMs, variantOptions, sentinel, cluster, null);
  }

  /** Settings of a loader of one server or of a Sentinel topology. */
  public LoaderSettings(String host, int port, ClientMode mode, LoaderVariant variant, String jdbcUrl, String table, int chunkSize,
      LoaderKeys keys, int startChunk, Duration timeout, long readDelayMs, Map<String, String> variantOptions, SentinelEndpoint sentinel) {
    this(host, port, mode, variant, jdbcUrl, table, chunkSize, keys, startChunk, timeout, readDelayMs, variantOptions, sentinel, null);
  }

  /** Settings of a loader of one server. */
  public LoaderSettings(String host, int port, ClientMode mode, LoaderVariant variant, String jdbcUrl, String table, int chunkSize,
      LoaderKeys keys, int startChunk, Duration timeout, long readDelayMs, Map<String, String> variantOptions) {
    this(host, port, mode, variant, jdbcUrl, table, chunkSize, keys, startChunk, timeout, readDelayMs, variantOptions, null);
  }

  /** Settings without variant options. */
  public LoaderSettings(String host, int port, ClientMode mode, LoaderVariant variant, String jdbcUrl, String table, int chunkSize,
      LoaderKeys keys, int startChunk, Duration timeout, long readDelayMs) {
    this(host, port, mode, variant, jdbcUrl, table, chunkSize, keys, startChunk, timeout, readDelayMs, Map.of());
  }

  public LoaderSettings {
    if (chunkSize < 1) {
      throw new HarnessException("--chunk-size must be at least 1, not " + chunkSize + ".");
    }
    if (startChunk < 0) {
      throw new HarnessException("--start-chunk must be 0 or more, not " + startChunk + ".");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new HarnessException("--timeout-ms must be positive.");
    }
    if (readDelayMs < 0) {
      throw new HarnessException("--read-delay-ms must be 0 or more, not " + readDelayMs + ".");
    }
    variantOptions = Map.copyOf(variantOptions);
    if (sentinel != null && cluster != null) {
      throw new HarnessException("A loader writes to a Sentinel topology or to a cluster, not both: pass --sentinels or --cluster.");
    }
    refresh = refresh == null ? ClusterClients.Refresh.STATIC : refresh;
    if (refresh != ClusterClients.Refresh.STATIC && cluster == null) {
      throw new HarnessException("--topology-refresh " + refresh.id() + " is a setting of a cluster client; add --cluster.");
    }
    for (String key : variantOptions.keySet()) {
      if (!variant.optionNames().contains(key)) {
        throw new HarnessException("Loader variant " + variant.id() + " has no option '" + key + "'; "
            + (variant.optionNames().isEmpty() ? "it takes none." : "use " + String.join(", ", new TreeSet<>(variant.optionNames())) + "."));
      }
    }
  }
}
