package io.redisrace.junit5;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterVariant;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a counter variant, a user's own {@link CounterVariant} or a built-in, in the race hunt
 * ({@link RaceHunt}) on the servers of a {@link RedisRaceTest} class. Defaults are the
 * race-hunting setting of the README: 1 ms TTL, 4 connections, one hot key, Jedis, 10 s per server,
 * on 2.8, 6.2 and 7.0.
 *
 * <pre>{@code
 * hunter.hunt(new MyCounterVariant()).on("2.8", "7.0").duration(Duration.ofSeconds(10)).run().assertNoTtlLessKeys();
 * }</pre>
 */
public final class RaceHunter {
  private final Servers servers;

  RaceHunter(Servers servers) {
    this.servers = servers;
  }

  /** A hunt of {@code variant} with the default settings; change them, then {@link Hunt#run()}. */
  public Hunt hunt(CounterVariant variant) {
    return new Hunt(variant);
  }

  /** One hunt's settings (fluent); {@link #run()} hunts on each server in turn. */
  public final class Hunt {
    private final CounterVariant variant;
    private List<String> serverIds = Arrays.stream(ServerKind.shipped()).map(ServerKind::id).toList();
    private ClientMode client = ClientMode.JEDIS;
    private long ttlMs = 1;
    private int threads = 4;
    private int keys = 1;
    private Duration duration = Duration.ofSeconds(10);
    private long ops;
    private long stopAfter;

    private Hunt(CounterVariant variant) {
      this.variant = variant;
    }

    /** The servers to hunt on, by {@code --server} id ({@code 2.8}, {@code 7.0}, {@code redis://host:port}, ...). */
    public Hunt on(String... ids) {
      if (ids.length == 0) {
        throw new HarnessException("Name at least one server to hunt on, like on(\"2.8\", \"7.0\").");
      }
      serverIds = List.of(ids);
      return this;
    }

    /** How long to hunt on each server (default 10 s). */
    public Hunt duration(Duration d) {
      duration = d;
      return this;
    }

    /** Stop after this many operations on each server (0: no count bound, the default). */
    public Hunt ops(long n) {
      ops = n;
      return this;
    }

    public Hunt client(ClientMode mode) {
      client = mode;
      return this;
    }

    /** The client mode by id: jedis, jedis-retry, lettuce, lettuce-at-most-once. */
    public Hunt client(String id) {
      return client(ClientMode.parse(id));
    }

    /** TTL of each new key in ms (default 1: the race-hunting setting). */
    public Hunt ttlMs(long ms) {
      ttlMs = ms;
      return this;
    }

    /** Concurrent connections (default 4). */
    public Hunt threads(int n) {
      threads = n;
      return this;
    }

    /** Keyspace size, 1 being one hot key (the default). */
    public Hunt keys(int n) {
      keys = n;
      return this;
    }

    /** Stop a server's hunt early once it saw this many TTL-less keys (0: never, the default). */
    public Hunt stopAfterTtlLess(long n) {
      stopAfter = n;
      return this;
    }

    /** Hunts on each server in turn, printing progress about once a second; the report asserts. */
    public HuntReport run() {
      HuntSettings settings = HuntSettings.of(variant, client, ttlMs, threads, keys, duration, ops).stopAfterTtlLess(stopAfter);
      List<HuntResult> results = new ArrayList<>();
      for (String id : serverIds) {
        RedisServer redis = servers.get(id);
        variant.unsupportedOn(redis.version()).ifPresent(reason -> {
          throw new HarnessException(reason);
        });
        String label = "[hunt " + variant.id() + " on " + redis.id() + "]";
        System.out.println(label + " " + redis + ", " + HuntReport.flags(settings));
        results.add(RaceHunt.run(redis.endpoint(), settings,
            p -> System.out.printf("%s %ds: %,d ops, %,d TTL-less%n", label, p.elapsed().toSeconds(), p.ops(), p.ttlLess())));
      }
      return new HuntReport(variant, settings, results);
    }
  }
}
