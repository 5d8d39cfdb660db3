package io.redisrace.loader;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.Scripts;
import java.time.Duration;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.SentinelEndpoint;
import redis.clients.jedis.util.JedisClusterCRC16;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.commands.ProtocolCommand;
import redis.clients.jedis.util.SafeEncoder;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A {@link ChunkStore} on one Jedis connection, reopened by {@link #reconnect()}. Each new
 * connection goes where {@code where} says then: a fixed host:port, the primary a Sentinel
 * names at that moment (so a jedis-retry retry after a failover reaches the new primary), or on a
 * cluster the node serving the keys' slot in a {@code JedisCluster}'s slot map renewed then.
 */
final class JedisChunkStore implements ChunkStore {
  private final Supplier<HostAndPort> where;
  private final Duration timeout;
  private final LoaderKeys keys;
  private final AutoCloseable owner; // the JedisCluster of a cluster store, else null
  private Jedis jedis;

  JedisChunkStore(String host, int port, Duration timeout, LoaderKeys keys) {
    this(() -> new HostAndPort(host, port), timeout, keys);
  }

  JedisChunkStore(Supplier<HostAndPort> where, Duration timeout, LoaderKeys keys) {
    this(where, timeout, keys, null);
  }

  private JedisChunkStore(Supplier<HostAndPort> where, Duration timeout, LoaderKeys keys, AutoCloseable owner) {
    this.where = where;
    this.timeout = timeout;
    this.keys = keys;
    this.owner = owner;
  }

  /**
   * A store on a cluster: a {@code JedisCluster} of {@code mode} (its {@code maxAttempts}) keeps the
   * slot map; each connection (the first, and each after a connection error or a redirect) goes to
   * the node its renewed map names for the slot of the keys' hash tag, dialled through the
   * addresses' map. The loader's retry ({@code jedis-retry}: up to maxAttempts) then resends a step
   * to the slot's new owner, as JedisCluster does.
   */
  static JedisChunkStore cluster(ClusterAddresses addresses, ClientMode mode, Duration timeout, LoaderKeys keys) {
    ClusterClients.JedisClusterClient c = ClusterClients.jedis(addresses, mode, timeout);
    int slot = JedisClusterCRC16.getSlot(keys.list());
    boolean[] first = {true};
    return new JedisChunkStore(() -> {
      if (!first[0]) {
        c.provider().renewSlotCache();
      }
      first[0] = false;
      HostAndPort node = c.provider().getNode(slot);
      if (node == null) {
        throw new JedisConnectionException("no node of the cluster serves slot " + slot);
      }
      return addresses.dial(node);
    }, timeout, keys, c);
  }

  @Override
  public boolean reroute(RuntimeException e) {
    if (owner == null || !ChunkStore.isRedirect(e)) {
      return false;
    }
    ChunkStore.pauseAfter(e);
    reconnect();
    return true;
  }

  /** A store whose connections go to the primary the Sentinels of {@code sentinel} name. */
  static JedisChunkStore sentinel(SentinelEndpoint sentinel, Duration timeout, LoaderKeys keys) {
    int ms = (int) Math.min(ClientMode.CONNECT_TIMEOUT.toMillis(), timeout.toMillis());
    return new JedisChunkStore(() -> sentinel.primary(ms)
        .orElseThrow(() -> new JedisConnectionException("no Sentinel of " + sentinel.sentinelsText() + " named a primary")), timeout, keys);
  }

  private Jedis jedis() {
    if (jedis == null) {
      HostAndPort at = where.get();
      jedis = ClientMode.jedis(at.getHost(), at.getPort(), timeout);
    }
    return jedis;
  }

  /** Drops the connection; the next command opens a new one (what jedis-retry does). */
  void reconnect() {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException ignored) {
        // broken connection
      }
      jedis = null;
    }
  }

  static boolean isConnectionError(RuntimeException e) {
    return e instanceof JedisConnectionException;
  }

  @Override
  public void scriptLoad(String script) {
    jedis().scriptLoad(script);
  }

  @Override
  public boolean isMarked(int chunk) {
    return jedis().getbit(keys.done(), chunk);
  }

  @Override
  public boolean tryNameLock(String name) {
    Transaction tx = jedis().multi();
    Response<Object> list = tx.sendCommand(Protocol.Command.CLIENT, "LIST");
    tx.sendCommand(Protocol.Command.CLIENT, "SETNAME", name);
    tx.exec();
    return !ChunkStore.listHasName(SafeEncoder.encode((byte[]) list.get()), name);
  }

  @Override
  public void releaseNameLock() {
    jedis().clientSetname("");
  }

  @Override
  public void multiPush(int chunk, List<String> rows, boolean mark) {
    Transaction tx = jedis().multi();
    tx.lpush(keys.list(), rows.toArray(String[]::new));
    if (mark) {
      tx.setbit(keys.done(), chunk, true);
    }
    tx.exec();
  }

  @Override
  public long eval(String script, List<String> keyNames, List<String> args) {
    Object reply;
    try {
      reply = jedis().evalsha(Scripts.sha1(script), keyNames, args);
    } catch (JedisNoScriptException e) {
      reply = jedis().eval(script, keyNames, args);
    }
    return ((Number) reply).longValue();
  }

  @Override
  public String command(String... args) {
    ProtocolCommand name = () -> SafeEncoder.encode(args[0]);
    Object reply = jedis().sendCommand(name, java.util.Arrays.copyOfRange(args, 1, args.length));
    return reply == null ? null : SafeEncoder.encode((byte[]) reply);
  }

  @Override
  public long waitReplicas(int replicas, long timeoutMs) {
    return jedis().waitReplicas(replicas, timeoutMs);
  }

  @Override
  public int connectedReplicas() {
    return ChunkStore.connectedReplicas(jedis().info("replication"));
  }

  @Override
  public void close() {
    reconnect();
    if (owner != null) {
      try {
        owner.close();
      } catch (Exception ignored) {
        // broken connections
      }
    }
  }
}
