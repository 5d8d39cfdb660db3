package io.redisrace.counter;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.server.RedisVersion;
import java.util.List;
import java.util.Objects;
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
  private final long ttlMs;
  private final CounterConnections connections;
  private final List<Counter> open = new CopyOnWriteArrayList<>();

  public CounterDriver(CounterVariant variant, ClientMode mode, String host, int port, RedisVersion version, long ttlMs) {
    this(variant, mode, version, ttlMs, () -> CounterConnections.direct(mode, host, port));
  }

  /**
   * Counters whose connections come from {@code connections} (opened only once the variant and
   * TTL were accepted): a Sentinel primary, for example. The driver closes them.
   */
  public CounterDriver(CounterVariant variant, ClientMode mode, RedisVersion version, long ttlMs, Supplier<CounterConnections> connections) {
    variant.unsupportedOn(version).ifPresent(reason -> {
      throw new HarnessException(reason);
    });
    if (ttlMs <= 0) {
      throw new HarnessException("The TTL must be a positive number of milliseconds, not " + ttlMs + ".");
    }
    this.variant = variant;
    this.mode = mode;
    this.ttlMs = ttlMs;
    this.connections = connections.get();
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
      case JEDIS -> () -> variant.jedis(connections.jedis(), ttlMs);
      case LETTUCE -> () -> variant.lettuce(connections.lettuce(), ttlMs);
    };
    // Lettuce's default mode reconnects (and replays) by itself; the others reopen on the next op.
    Counter counter = mode == ClientMode.LETTUCE ? connect.get() : new ReconnectingCounter(connect, mode.maxAttempts(), connections::target);
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
    connections.close();
  }

  /**
   * A Jedis connection is dead for good after a connection error ("Attempting to read from a broken
   * connection"), and so is a Lettuce connection without auto-reconnect, so the counter drops it
   * and the next operation opens a new one, as a pool would.
   * With {@code maxAttempts == 1} ({@code jedis}) the failed operation is reported, never replayed:
   * at-most-once. With {@code maxAttempts > 1} ({@code jedis-retry}, what UnifiedJedis does) the
   * whole operation runs again on the new connection although its outcome is unknown:
   * at-least-once. A connection opened towards another {@link CounterConnections#target} than
   * the current one (the Sentinel pool moved) is closed before the next operation, which opens one
   * towards the new target.
   */
  static final class ReconnectingCounter implements Counter {
    private final Supplier<Counter> connect;
    private final int maxAttempts;
    private final Supplier<Object> target;
    private Counter current;
    private Object openedFor;

    ReconnectingCounter(Supplier<Counter> connect, int maxAttempts, Supplier<Object> target) {
      this.connect = connect;
      this.maxAttempts = maxAttempts;
      this.target = target;
    }

    @Override
    public Outcome increment(String key) {
      RuntimeException last = null;
      if (current != null && !Objects.equals(openedFor, target.get())) {
        close(); // the pool moved: this connection goes to a node that is no longer the primary
      }
      for (int attempt = 0; attempt < maxAttempts; attempt++) {
        try {
          if (current == null) {
            openedFor = target.get();
            current = connect.get();
          }
          Outcome o = current.increment(key);
          return attempt == 0 ? o : new Outcome(o.value(), o.pttl(), o.retries() + attempt);
        } catch (RuntimeException e) {
          if (!isConnectionError(e)) {
            throw e;
          }
          last = e;
          close();
        }
      }
      throw last;
    }

    /** Errors after which the connection's state is unknown: resets, timeouts, closed sockets. */
    static boolean isConnectionError(RuntimeException e) {
      return e instanceof JedisConnectionException
          || e instanceof RedisConnectionException
          || e instanceof RedisCommandTimeoutException
          || (e instanceof RedisException && !(e instanceof RedisCommandExecutionException));
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
