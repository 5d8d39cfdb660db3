package io.redisrace.counter;

import io.lettuce.core.RedisClient;
import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.server.RedisVersion;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Opens counters of one variant with one client mode against one server: one connection per
 * {@link #newCounter()}, so that each thread has its own. Closing the driver closes them all.
 *
 * <p>Refuses at construction, with one sentence, a variant that cannot run on the server (for
 * example {@code multi-heal} before 7.0).
 */
public final class CounterDriver implements AutoCloseable {
  private final CounterVariant variant;
  private final ClientMode mode;
  private final String host;
  private final int port;
  private final long ttlMs;
  private final RedisClient lettuce; // null for Jedis modes
  private final List<Counter> open = new CopyOnWriteArrayList<>();

  public CounterDriver(CounterVariant variant, ClientMode mode, String host, int port, RedisVersion version, long ttlMs) {
    variant.unsupportedOn(version).ifPresent(reason -> {
      throw new HarnessException(reason);
    });
    if (ttlMs <= 0) {
      throw new HarnessException("The TTL must be a positive number of milliseconds, not " + ttlMs + ".");
    }
    this.variant = variant;
    this.mode = mode;
    this.host = host;
    this.port = port;
    this.ttlMs = ttlMs;
    this.lettuce = mode.family() == ClientMode.Family.LETTUCE ? mode.lettuceClient(host, port) : null;
  }

  public CounterVariant variant() {
    return variant;
  }

  public ClientMode mode() {
    return mode;
  }

  public long ttlMs() {
    return ttlMs;
  }

  /** A counter on a new connection. */
  public Counter newCounter() {
    Supplier<Counter> connect = switch (mode.family()) {
      case JEDIS -> () -> variant.jedis(ClientMode.jedis(host, port), ttlMs);
      case LETTUCE -> () -> variant.lettuce(lettuce.connect(), ttlMs);
    };
    Counter counter = mode.maxAttempts() > 1 ? new RetryingCounter(connect, mode.maxAttempts()) : connect.get();
    open.add(counter);
    return counter;
  }

  @Override
  public void close() {
    open.forEach(c -> {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // the connection may already be broken
      }
    });
    open.clear();
    if (lettuce != null) {
      lettuce.shutdown();
    }
  }

  /**
   * {@code jedis-retry}: what UnifiedJedis does with maxAttempts &gt; 1. On a connection error
   * (reset, timeout) the outcome is unknown, yet the whole operation is run again on a new
   * connection: at-least-once.
   */
  static final class RetryingCounter implements Counter {
    private final Supplier<Counter> connect;
    private final int maxAttempts;
    private Counter current;

    RetryingCounter(Supplier<Counter> connect, int maxAttempts) {
      this.connect = connect;
      this.maxAttempts = maxAttempts;
    }

    @Override
    public Outcome increment(String key) {
      JedisConnectionException last = null;
      for (int attempt = 0; attempt < maxAttempts; attempt++) {
        try {
          if (current == null) {
            current = connect.get();
          }
          Outcome o = current.increment(key);
          return attempt == 0 ? o : new Outcome(o.value(), o.pttl(), o.retries() + attempt);
        } catch (JedisConnectionException e) {
          last = e;
          close();
        }
      }
      throw last;
    }

    @Override
    public void close() {
      if (current != null) {
        try {
          current.close();
        } catch (RuntimeException ignored) {
          // broken connection
        }
        current = null;
      }
    }
  }
}
