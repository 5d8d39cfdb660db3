package io.redisrace.chaos.workload;

import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderSettings;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.SentinelEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one loader run is told: the {@code LoaderMain} flags, as data ({@code variantOptions}:
 * {@code --variant-option}s; {@code sentinel}: null for one server at host:port, else the Sentinels
 * it asks for the primary, {@code --sentinels}, {@code --master-name}, {@code --node-map};
 * {@code cluster}: null unless on a cluster, its seeds and node map, {@code --cluster}, {@code --node-map};
 * {@code refresh}: how a Lettuce cluster client keeps its slot map, {@code --topology-refresh}).
 */
public record LoaderSpec(
    String host, int port, LoaderVariant variant, ClientMode client, Workload workload, String keyPrefix, int startChunk, long timeoutMs,
    Map<String, String> variantOptions, SentinelEndpoint sentinel, ClusterAddresses cluster, ClusterClients.Refresh refresh) {

  public LoaderSpec {
    variantOptions = Map.copyOf(variantOptions);
    refresh = refresh == null ? ClusterClients.Refresh.STATIC : refresh;
  }

  /** A loader with a static slot map on a cluster. */
  public LoaderSpec(String host, int port, LoaderVariant variant, ClientMode client, Workload workload, String keyPrefix, int startChunk,
      long timeoutMs, Map<String, String> variantOptions, SentinelEndpoint sentinel, ClusterAddresses cluster) {
    this(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, sentinel, cluster, null);
  }

  /** A loader of one server or of a Sentinel topology. */
  public LoaderSpec(String host, int port, LoaderVariant variant, ClientMode client, Workload workload, String keyPrefix, int startChunk,
      long timeoutMs, Map<String, String> variantOptions, SentinelEndpoint sentinel) {
    this(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, sentinel, null);
  }

  /** A loader of one server. */
  public LoaderSpec(String host, int port, LoaderVariant variant, ClientMode client, Workload workload, String keyPrefix, int startChunk,
      long timeoutMs, Map<String, String> variantOptions) {
    this(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, null);
  }

  /** A loader with the variant's default options. */
  public LoaderSpec(String host, int port, LoaderVariant variant, ClientMode client, Workload workload, String keyPrefix, int startChunk,
      long timeoutMs) {
    this(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, Map.of());
  }

  /** The same loader with one more variant option ({@code lease-ms=300}). */
  public LoaderSpec withVariantOption(String key, String value) {
    Map<String, String> o = new TreeMap<>(variantOptions);
    o.put(key, value);
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, o, sentinel, cluster, refresh);
  }

  /** The same loader, connecting elsewhere (directly to Redis, or through another proxy). */
  public LoaderSpec at(String h, int p) {
    return new LoaderSpec(h, p, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, sentinel, cluster, refresh);
  }

  /** The same loader in Sentinel mode (null: back to host:port). */
  public LoaderSpec via(SentinelEndpoint s) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, s, s == null ? cluster : null, refresh);
  }

  /** The same loader in cluster mode (null: back to host:port). */
  public LoaderSpec via(ClusterAddresses c) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, c == null ? sentinel : null, c,
        refresh);
  }

  /** The same loader with {@code r} as its Lettuce cluster client's slot map refresh. */
  public LoaderSpec refreshing(ClusterClients.Refresh r) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, startChunk, timeoutMs, variantOptions, sentinel, cluster, r);
  }

  public LoaderSpec withTimeout(long ms) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, startChunk, ms, variantOptions, sentinel, cluster, refresh);
  }

  public LoaderSpec startingAt(int chunk) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, chunk, timeoutMs, variantOptions, sentinel, cluster, refresh);
  }

  public List<String> args(String name, String control) {
    List<String> a = new ArrayList<>(List.of(
        "--redis", host + ":" + port, "--variant", variant.id(), "--client", client.id(),
        "--jdbc", workload.jdbcUrl(), "--table", workload.table(), "--chunk-size", Integer.toString(workload.chunkSize()),
        "--key", keyPrefix, "--start-chunk", Integer.toString(startChunk), "--timeout-ms", Long.toString(timeoutMs),
        "--name", name, "--max-runtime", "120s"));
    new TreeMap<>(variantOptions).forEach((k, v) -> {
      a.add("--variant-option");
      a.add(k + "=" + v);
    });
    if (sentinel != null) {
      a.addAll(List.of("--sentinels", sentinel.sentinelsText(), "--master-name", sentinel.masterName(), "--node-map", sentinel.nodeMapText()));
    }
    if (cluster != null) {
      a.addAll(List.of("--cluster", cluster.seedsText(), "--node-map", cluster.mapText()));
      if (refresh != ClusterClients.Refresh.STATIC) {
        a.addAll(List.of("--topology-refresh", refresh.id()));
      }
    }
    if (control != null) {
      a.add("--control");
      a.add(control);
    }
    return a;
  }

  public LoaderSettings settings() {
    return new LoaderSettings(host, port, client, variant, workload.jdbcUrl(), workload.table(), workload.chunkSize(),
        new LoaderKeys(keyPrefix), startChunk, Duration.ofMillis(timeoutMs), 0, variantOptions, sentinel, cluster,
        cluster == null ? null : refresh);
  }
}
