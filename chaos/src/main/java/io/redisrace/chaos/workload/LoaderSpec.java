package io.redisrace.chaos.workload;

import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderSettings;
import io.redisrace.loader.LoaderVariant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** What one loader run is told: the {@code LoaderMain} flags, as data. */
public record LoaderSpec(
    String host, int port, LoaderVariant variant, ClientMode client, Workload workload, String keyPrefix, int startChunk, long timeoutMs) {

  /** The same loader, connecting elsewhere (directly to Redis, or through another proxy). */
  public LoaderSpec at(String h, int p) {
    return new LoaderSpec(h, p, variant, client, workload, keyPrefix, startChunk, timeoutMs);
  }

  public LoaderSpec withTimeout(long ms) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, startChunk, ms);
  }

  public LoaderSpec startingAt(int chunk) {
    return new LoaderSpec(host, port, variant, client, workload, keyPrefix, chunk, timeoutMs);
  }

  public List<String> args(String name, String control) {
    List<String> a = new ArrayList<>(List.of(
        "--redis", host + ":" + port, "--variant", variant.id(), "--client", client.id(),
        "--jdbc", workload.jdbcUrl(), "--table", workload.table(), "--chunk-size", Integer.toString(workload.chunkSize()),
        "--key", keyPrefix, "--start-chunk", Integer.toString(startChunk), "--timeout-ms", Long.toString(timeoutMs),
        "--name", name, "--max-runtime", "120s"));
    if (control != null) {
      a.add("--control");
      a.add(control);
    }
    return a;
  }

  public LoaderSettings settings() {
    return new LoaderSettings(host, port, client, variant, workload.jdbcUrl(), workload.table(), workload.chunkSize(),
        new LoaderKeys(keyPrefix), startChunk, Duration.ofMillis(timeoutMs), 0);
  }
}
