package io.redisrace.report;

import io.redisrace.server.ServerSpec;
import java.util.Comparator;

/**
 * What a JMH result measured, in the harness's terms. {@code kind} is {@code thrpt}
 * (CounterBenchmark.throughput), {@code sample} (CounterBenchmark.latency) or {@code ping}
 * (PingBenchmark, calibration: variant "ping", ttlMs and keys 0).
 */
public record CellKey(String kind, String variant, String client, String server, long ttlMs, int keys, int threads) {

  /** Stable order for tables: server, client, threads, keys, ttl, then the given variant order. */
  public static final Comparator<CellKey> ORDER = Comparator.comparing(CellKey::server)
      .thenComparing(CellKey::kind)
      .thenComparing(CellKey::client)
      .thenComparingInt(CellKey::threads)
      .thenComparingInt(CellKey::keys)
      .thenComparingLong(CellKey::ttlMs)
      .thenComparing(k -> Variants.rank(k.variant()));

  /** Prefix of a server id pinned to the embedded backend (the docker run's reference cells). */
  public static final String EMBEDDED_PREFIX = ServerSpec.EMBEDDED_PREFIX;

  /** True for a cell on an {@code embedded:<id>} server: a local process whatever the run's backend. */
  public boolean pinnedEmbedded() {
    return server.startsWith(EMBEDDED_PREFIX);
  }

  /** The server id without its pin ({@code embedded:2.8} gives {@code 2.8}): the Redis it ran. */
  public String unpinnedServer() {
    return pinnedEmbedded() ? server.substring(EMBEDDED_PREFIX.length()) : server;
  }

  /** The same cell on the unpinned server. */
  public CellKey unpinned() {
    return new CellKey(kind, variant, client, unpinnedServer(), ttlMs, keys, threads);
  }

  /** The PING cell that calibrates this one: same client, server and thread count. */
  public CellKey calibration() {
    return new CellKey("ping", "ping", client, server, 0, 0, threads);
  }

  /** The same cell with another variant (for "relative to multi"). */
  public CellKey withVariant(String other) {
    return new CellKey(kind, other, client, server, ttlMs, keys, threads);
  }

  /** Same shape as BenchPlan.Cell#id, so -Dbench.include regexes read the same here. */
  public String id() {
    return kind.equals("ping")
        ? "ping client=" + client + " server=" + server + " threads=" + threads
        : kind + " variant=" + variant + " client=" + client + " server=" + server + " ttlMs=" + ttlMs + " keys=" + keys
            + " threads=" + threads;
  }

  /** Short label for charts: "multi · jedis · 20 ms · 1 key · 1 thr". */
  public String label() {
    if (kind.equals("ping")) {
      return "PING · " + client + " · " + threads + " thr";
    }
    return variant + " · " + client + " · " + ttlMs + " ms · " + (keys == 1 ? "1 key" : keys + " keys") + " · " + threads + " thr";
  }
}
