package io.redisrace.topology;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterTarget;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.KeyspaceAudit;
import io.redisrace.counter.Outcome;
import io.redisrace.server.RedisVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Counters of one variant on a cluster, through a cluster client of one {@link ClientMode}. A
 * variant is written against one connection (MULTI, WATCH and EVALSHA need one), so each operation
 * runs on the connection the cluster client picks for its key's slot: Jedis's
 * {@code getConnectionFromSlot} of the {@link ClusterClients.JedisClusterClient}'s slot map, or
 * Lettuce's node connection of the partition serving the slot. A MOVED reply (nothing ran) renews
 * the client's slot map and runs the operation again; a connection error does so only in a mode
 * that retries ({@code jedis-retry}: at-least-once), otherwise it is the caller's. One counter per
 * thread, as on a single server; it holds one connection per node it has used.
 */
public final class ClusterCounters implements CounterTarget {
  private static final int MOVED_LIMIT = 5;

  private final String serverId;
  private final RedisVersion version;
  private final CounterVariant variant;
  private final ClientMode mode;
  private final ClusterClients.JedisClusterClient admin; // deletes, clears and audits
  private final long ttlMs;
  private final ClusterClients.JedisClusterClient jedis; // null for Lettuce modes
  private final ClusterClients.LettuceCluster lettuce; // null for Jedis modes
  private final StatefulRedisClusterConnection<String, String> lettuceConnection;
  private final List<Counter> open = new CopyOnWriteArrayList<>();

  public ClusterCounters(CounterVariant variant, ClientMode mode, ClusterAddresses addresses, ClusterClients.Refresh refresh, long ttlMs,
      Duration commandTimeout) {
    this("cluster", variant, mode, addresses, refresh, ttlMs, commandTimeout);
  }

  /**
   * Counters of {@code variant} in {@code mode} on the cluster at {@code addresses}, named
   * {@code serverId} in results; refuses with one sentence a variant the cluster's version cannot
   * run (multi-heal before 7.0) and a cluster no seed of which answers.
   */
  public ClusterCounters(String serverId, CounterVariant variant, ClientMode mode, ClusterAddresses addresses, ClusterClients.Refresh refresh,
      long ttlMs, Duration commandTimeout) {
    this.serverId = serverId;
    this.version = version(addresses);
    variant.unsupportedOn(version).ifPresent(reason -> {
      throw new HarnessException(reason);
    });
    this.admin = ClusterClients.jedis(addresses, ClientMode.JEDIS_RETRY, commandTimeout);
    this.variant = variant;
    this.mode = mode;
    this.ttlMs = ttlMs;
    if (mode.family() == ClientMode.Family.JEDIS) {
      this.jedis = ClusterClients.jedis(addresses, mode, commandTimeout);
      this.lettuce = null;
      this.lettuceConnection = null;
    } else {
      this.jedis = null;
      this.lettuce = ClusterClients.lettuce(addresses, mode, refresh, commandTimeout);
      this.lettuceConnection = lettuce.connect();
    }
  }

  private static RedisVersion version(ClusterAddresses addresses) {
    for (HostAndPort seed : addresses.seeds()) {
      try {
        try (Jedis j = ClientMode.jedis(seed.getHost(), seed.getPort(), Duration.ofSeconds(2))) {
          return RedisVersion.parse(Replication.fields(j.info("server")).get("redis_version"));
        }
      } catch (JedisException unreachable) {
        // the next seed
      }
    }
    throw new HarnessException("No seed node of the cluster answers at " + addresses.seeds() + "; start it or name other nodes.");
  }

  @Override
  public String serverId() {
    return serverId;
  }

  @Override
  public RedisVersion version() {
    return version;
  }

  /** A counter for one thread. */
  @Override
  public Counter newCounter() {
    Counter c = jedis != null ? new JedisRouted() : new LettuceRouted();
    open.add(c);
    return c;
  }

  /**
   * Empty when the variant runs on this cluster; else one sentence why not, when its operation on
   * {@code probeKey} was refused with CROSSSLOT (it touches keys of different slots and needs a
   * hash tag). The probe key is deleted afterwards.
   */
  public Optional<String> crossSlot(String probeKey) {
    try (Counter c = newCounter()) {
      c.increment(probeKey);
      return Optional.empty();
    } catch (JedisDataException | RedisCommandExecutionException e) {
      String m = String.valueOf(e.getMessage());
      if (!m.contains("CROSSSLOT")) {
        throw e;
      }
      return Optional.of("Variant " + variant.id() + " is not run on a cluster: its operation touches keys in different slots ("
          + m.trim() + "); give its keys a common hash tag such as {" + probeKey + "}.");
    } finally {
      delete(probeKey);
    }
  }

  /** DEL of one key through the cluster client. */
  @Override
  public void delete(String key) {
    admin.cluster().del(key);
  }

  /** SCAN of every primary, and DEL of each key found (one key per DEL: keys of several slots are CROSSSLOT). */
  @Override
  public void clear(String prefix) {
    forEachPrimary(j -> {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = j.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
        page.getResult().forEach(j::del);
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    });
  }

  @Override
  public KeyspaceAudit.Result audit(String prefix) {
    long[] counts = new long[2];
    List<String> sample = new ArrayList<>();
    forEachPrimary(j -> {
      KeyspaceAudit.Result r = KeyspaceAudit.audit(j, prefix);
      counts[0] += r.keys();
      counts[1] += r.ttlLess();
      r.ttlLessSample().stream().limit(Math.max(0, 100 - sample.size())).forEach(sample::add);
    });
    return new KeyspaceAudit.Result(counts[0], counts[1], List.copyOf(sample));
  }

  /** Runs {@code action} on a connection to each node the cluster client knows that says it is a primary. */
  private void forEachPrimary(Consumer<Jedis> action) {
    admin.provider().renewSlotCache();
    for (ConnectionPool pool : admin.provider().getNodes().values()) {
      try (Jedis j = new Jedis(pool.getResource())) {
        if (j.info("replication").contains("role:master")) {
          action.accept(j);
        }
      }
    }
  }

  @Override
  public void close() {
    open.forEach(c -> {
      try {
        c.close();
      } catch (RuntimeException ignored) {
        // a broken connection
      }
    });
    if (lettuceConnection != null) {
      lettuceConnection.close();
    }
    if (jedis != null) {
      jedis.close();
    }
    if (lettuce != null) {
      lettuce.close();
    }
    admin.close();
  }

  private static boolean moved(RuntimeException e) {
    return e instanceof JedisMovedDataException
        || (e instanceof RedisCommandExecutionException && String.valueOf(e.getMessage()).startsWith("MOVED"));
  }

  /** Jedis: one variant counter per node, on a pooled connection of the JedisCluster's provider. */
  private final class JedisRouted implements Counter {
    private final Map<HostAndPort, Counter> byNode = new HashMap<>();

    @Override
    public Outcome increment(String key) {
      int slot = JedisClusterCRC16.getSlot(key);
      int failures = 0;
      for (int moved = 0; ; ) {
        HostAndPort node = jedis.provider().getNode(slot);
        if (node == null) {
          throw new HarnessException("No node of the cluster serves slot " + slot + ".");
        }
        Counter c = byNode.computeIfAbsent(node, n -> variant.jedis(new Jedis(jedis.provider().getConnection(n)), ttlMs));
        try {
          Outcome o = c.increment(key);
          return failures == 0 ? o : new Outcome(o.value(), o.pttl(), o.retries() + failures);
        } catch (JedisConnectionException e) {
          drop(node);
          jedis.provider().renewSlotCache();
          if (++failures >= mode.maxAttempts()) {
            throw e;
          }
        } catch (RuntimeException e) {
          if (!moved(e) || ++moved > MOVED_LIMIT) {
            throw e;
          }
          jedis.provider().renewSlotCache();
        }
      }
    }

    private void drop(HostAndPort node) {
      Counter c = byNode.remove(node);
      if (c != null) {
        try {
          c.close();
        } catch (RuntimeException ignored) {
          // broken
        }
      }
    }

    @Override
    public void close() {
      List.copyOf(byNode.keySet()).forEach(this::drop);
    }
  }

  /**
   * Lettuce: one variant counter per node connection of the cluster connection (which owns those
   * connections and their reconnects; the counters never close them).
   */
  private final class LettuceRouted implements Counter {
    private final Map<String, Counter> byNode = new HashMap<>();

    @Override
    public Outcome increment(String key) {
      int slot = SlotHash.getSlot(key);
      for (int moved = 0; ; ) {
        var partition = lettuceConnection.getPartitions().getPartitionBySlot(slot);
        if (partition == null) {
          throw new HarnessException("No node of the cluster serves slot " + slot + ".");
        }
        Counter c = byNode.computeIfAbsent(partition.getNodeId(), id -> variant.lettuce(lettuceConnection.getConnection(id), ttlMs));
        try {
          return c.increment(key);
        } catch (RuntimeException e) {
          if (!moved(e) || ++moved > MOVED_LIMIT) {
            throw e;
          }
          lettuce.client().refreshPartitions();
        }
      }
    }

    @Override
    public void close() {
      byNode.clear(); // the cluster connection closes its node connections
    }
  }
}
