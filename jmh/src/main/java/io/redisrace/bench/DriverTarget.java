package io.redisrace.bench;

import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterDriver;
import io.redisrace.counter.CounterTarget;
import io.redisrace.counter.KeyspaceAudit;
import io.redisrace.server.RedisVersion;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import redis.clients.jedis.Jedis;

/**
 * The counters of a bench trial on one server or a Sentinel primary, as a {@link CounterTarget}: a
 * {@link CounterDriver} for the counters, and the harness's own connection to the node that holds
 * the keys for deletes and audits, one per calling thread (a benchmark thread deletes the TTL-less
 * key it saw on its own connection, never waiting for another thread's).
 */
final class DriverTarget implements CounterTarget {
  private final String serverId;
  private final RedisVersion version;
  private final CounterDriver driver;
  private final Supplier<Jedis> admin;
  private final List<Jedis> opened = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Jedis> own = new ThreadLocal<>();

  DriverTarget(String serverId, RedisVersion version, CounterDriver driver, Supplier<Jedis> admin) {
    this.serverId = serverId;
    this.version = version;
    this.driver = driver;
    this.admin = admin;
  }

  private Jedis janitor() {
    Jedis j = own.get();
    if (j == null) {
      j = admin.get();
      own.set(j);
      opened.add(j);
    }
    return j;
  }

  @Override
  public String serverId() {
    return serverId;
  }

  @Override
  public RedisVersion version() {
    return version;
  }

  @Override
  public Counter newCounter() {
    return driver.newCounter();
  }

  @Override
  public void delete(String key) {
    janitor().del(key);
  }

  @Override
  public void clear(String prefix) {
    KeyspaceAudit.clear(janitor(), prefix);
  }

  @Override
  public KeyspaceAudit.Result audit(String prefix) {
    return KeyspaceAudit.audit(janitor(), prefix);
  }

  @Override
  public void close() {
    try {
      driver.close();
    } finally {
      opened.forEach(j -> {
        try {
          j.close();
        } catch (RuntimeException ignored) {
          // the server may be gone already
        }
      });
      opened.clear();
    }
  }
}
