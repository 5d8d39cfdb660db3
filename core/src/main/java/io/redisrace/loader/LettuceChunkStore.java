package io.redisrace.loader;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.MultiOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.Scripts;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.SentinelClients;
import java.util.function.Supplier;
import io.redisrace.topology.SentinelEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link ChunkStore} on one Lettuce connection. The commit is written the way Lettuce users write
 * it: async, {@code MULTI}, the pushes, {@code EXEC} all in flight at once (one write), then one wait
 * for the EXEC future. With the default (at-least-once) mode, commands whose replies were lost when the
 * connection dropped are replayed on the new connection.
 */
final class LettuceChunkStore implements ChunkStore {
  private final Duration timeout;
  private final LoaderKeys keys;
  private final AutoCloseable owner; // the client and its resources
  private final Supplier<StatefulRedisConnection<String, String>> route; // a cluster's node connection of the slot, else null
  private StatefulRedisConnection<String, String> connection;
  private RedisCommands<String, String> sync;
  private RedisAsyncCommands<String, String> async;

  /**
   * Longest wait between two reconnect attempts. Lettuce's default doubles the wait up to 30 s, so
   * after a fault of T seconds the commit it holds is replayed up to about T seconds after the fault
   * healed: how long a fault lasted then decides whether the replay beats the command timeout (test
   * d's commit timed out under load). Capped, the replay follows the heal within this.
   */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(100);

  LettuceChunkStore(ClientMode mode, String host, int port, Duration timeout, LoaderKeys keys) {
    this(mode, host, port, null, timeout, keys);
  }

  /**
   * With {@code sentinel}, a Sentinel {@link io.lettuce.core.RedisURI}: on every (re)connect Lettuce
   * asks a Sentinel for the primary, and dials the address it names through the endpoint's node map.
   */
  LettuceChunkStore(ClientMode mode, String host, int port, SentinelEndpoint sentinel, Duration timeout, LoaderKeys keys) {
    DefaultClientResources.Builder builder = DefaultClientResources.builder().reconnectDelay(reconnectDelay());
    if (sentinel != null) {
      builder.socketAddressResolver(SentinelClients.resolver(sentinel));
    }
    ClientResources resources = builder.build();
    RedisClient client = mode.lettuceClient(resources, host, port, timeout);
    this.owner = () -> {
      client.shutdown(0, 1, TimeUnit.SECONDS);
      resources.shutdown(0, 1, TimeUnit.SECONDS);
    };
    this.route = null;
    this.timeout = timeout;
    this.keys = keys;
    try {
      use(sentinel == null ? client.connect() : client.connect(SentinelClients.uri(sentinel, timeout)));
    } catch (RuntimeException e) {
      closeOwner(); // no connection: nothing else to close
      throw e;
    }
  }

  /**
   * On a cluster: a {@code RedisClusterClient} of {@code mode} with {@code refresh} ({@code static}:
   * the slot map read at connect and renewed by {@link #reroute} alone; {@code adaptive}: also renewed
   * by Lettuce on its adaptive triggers, persistent reconnects among them, which closes the connections
   * of nodes that left the map); the variant runs on the cluster connection's node connection of the
   * partition serving the keys' slot, which the cluster connection owns and reconnects with the mode's
   * options (the {@code lettuce} replay included).
   */
  static LettuceChunkStore cluster(ClientMode mode, ClusterAddresses addresses, ClusterClients.Refresh refresh, Duration timeout,
      LoaderKeys keys) {
    ClusterClients.LettuceCluster c = ClusterClients.lettuce(addresses, mode, refresh, timeout, reconnectDelay());
    StatefulRedisClusterConnection<String, String> all;
    try {
      all = c.connect();
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
    int slot = SlotHash.getSlot(keys.list());
    return new LettuceChunkStore(() -> {
      var partition = all.getPartitions().getPartitionBySlot(slot);
      if (partition == null) {
        throw new io.lettuce.core.RedisConnectionException("no node of the cluster serves slot " + slot);
      }
      return all.getConnection(partition.getNodeId());
    }, () -> {
      try {
        all.close();
      } finally {
        c.close();
      }
    }, c, timeout, keys);
  }

  private LettuceChunkStore(Supplier<StatefulRedisConnection<String, String>> route, AutoCloseable owner,
      ClusterClients.LettuceCluster cluster, Duration timeout, LoaderKeys keys) {
    this.route = () -> {
      cluster.client().refreshPartitions();
      return route.get();
    };
    this.owner = owner;
    this.timeout = timeout;
    this.keys = keys;
    try {
      use(route.get());
    } catch (RuntimeException e) {
      closeOwner();
      throw e;
    }
  }

  private static Delay reconnectDelay() {
    return Delay.exponential(Duration.ofMillis(1), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS);
  }

  private void use(StatefulRedisConnection<String, String> c) {
    this.connection = c;
    this.sync = c.sync();
    this.async = c.async();
  }

  @Override
  public boolean reroute(RuntimeException e) {
    if (route == null || !ChunkStore.isRedirect(e)) {
      return false;
    }
    ChunkStore.pauseAfter(e);
    use(route.get());
    return true;
  }

  private void closeOwner() {
    try {
      owner.close();
    } catch (Exception ignored) {
      // already down
    }
  }

  @Override
  public void scriptLoad(String script) {
    sync.scriptLoad(script);
  }

  @Override
  public boolean isMarked(int chunk) {
    return sync.getbit(keys.done(), chunk) == 1;
  }

  @Override
  public boolean tryNameLock(String name) {
    sync.multi();
    sync.clientList();
    sync.clientSetname(name);
    TransactionResult result = sync.exec();
    return !ChunkStore.listHasName((String) result.get(0), name);
  }

  @Override
  public void releaseNameLock() {
    sync.clientSetname("");
  }

  @Override
  public void multiPush(int chunk, List<String> rows, boolean mark) {
    // The whole transaction in one write (one dispatch of all four commands: on the wire at
    // once, or all into the disconnected buffer, in order). Written command by command, a
    // connection cut in the middle of the writes could reach Lettuce as an RST (the peer closing
    // with part of the commit unread); Lettuce then fails MULTI alone and replays the rest
    // without it (LoaderDefectsIntegrationTests, test d), or requeues a write that straddled
    // the cut behind later commands.
    List<RedisCommand<String, String, ?>> batch = new ArrayList<>();
    batch.add(new AsyncCommand<>(new Command<>(CommandType.MULTI, new StatusOutput<>(StringCodec.UTF8))));
    batch.add(new AsyncCommand<>(new Command<>(CommandType.LPUSH, new IntegerOutput<>(StringCodec.UTF8),
        new CommandArgs<>(StringCodec.UTF8).addKey(keys.list()).addValues(rows.toArray(String[]::new)))));
    if (mark) {
      batch.add(new AsyncCommand<>(new Command<>(CommandType.SETBIT, new IntegerOutput<>(StringCodec.UTF8),
          new CommandArgs<>(StringCodec.UTF8).addKey(keys.done()).add(chunk).add(1))));
    }
    AsyncCommand<String, String, TransactionResult> exec =
        new AsyncCommand<>(new Command<>(CommandType.EXEC, new MultiOutput<>(StringCodec.UTF8)));
    batch.add(exec);
    connection.dispatch(batch);
    TransactionResult result = await(exec);
    if (result.wasDiscarded()) {
      throw new IllegalStateException("EXEC was discarded");
    }
  }

  @Override
  public long eval(String script, List<String> keyNames, List<String> args) {
    String[] k = keyNames.toArray(String[]::new);
    String[] a = args.toArray(String[]::new);
    Long reply;
    try {
      reply = await(async.<Long>evalsha(Scripts.sha1(script), ScriptOutputType.INTEGER, k, a));
    } catch (RedisNoScriptException e) {
      reply = await(async.<Long>eval(script, ScriptOutputType.INTEGER, k, a));
    }
    return reply;
  }

  @Override
  public String command(String... args) {
    ProtocolKeyword name = new ProtocolKeyword() {
      @Override
      public byte[] getBytes() {
        return args[0].getBytes(java.nio.charset.StandardCharsets.UTF_8);
      }

      @Override
      public String toString() {
        return args[0];
      }
    };
    CommandArgs<String, String> rest = new CommandArgs<>(StringCodec.UTF8);
    for (int i = 1; i < args.length; i++) {
      rest.add(args[i]);
    }
    return await(async.dispatch(name, new StatusOutput<>(StringCodec.UTF8), rest));
  }

  @Override
  public long waitReplicas(int replicas, long timeoutMs) {
    return await(async.waitForReplication(replicas, timeoutMs));
  }

  @Override
  public int connectedReplicas() {
    return ChunkStore.connectedReplicas(await(async.info("replication")));
  }

  private <T> T await(RedisFuture<T> future) {
    try {
      return future.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      throw new io.lettuce.core.RedisCommandTimeoutException("commit timed out after " + timeout.toMillis() + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  @Override
  public void close() {
    if (route == null) { // a cluster's node connections are its cluster connection's to close
      try {
        connection.close();
      } catch (RuntimeException ignored) {
        // broken connection
      }
    }
    closeOwner();
  }
}
