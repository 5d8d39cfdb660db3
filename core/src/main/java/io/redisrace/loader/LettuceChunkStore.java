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
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.Scripts;
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
  private static final String FENCED_SHA = Scripts.sha1(LoaderScripts.FENCED_COMMIT);

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> sync;
  private final RedisAsyncCommands<String, String> async;
  private final Duration timeout;
  private final LoaderKeys keys;

  /**
   * Longest wait between two reconnect attempts. Lettuce's default doubles the wait up to 30 s, so
   * after a fault of T seconds the commit it holds is replayed up to about T seconds after the fault
   * healed: how long a fault lasted then decides whether the replay beats the command timeout (test
   * d's commit timed out under load). Capped, the replay follows the heal within this.
   */
  static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(100);

  private final ClientResources resources;

  LettuceChunkStore(ClientMode mode, String host, int port, Duration timeout, LoaderKeys keys) {
    this.resources = DefaultClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(1), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = mode.lettuceClient(resources, host, port, timeout);
    this.connection = client.connect();
    this.sync = connection.sync();
    this.async = connection.async();
    this.timeout = timeout;
    this.keys = keys;
  }

  @Override
  public void prepare(LoaderVariant variant) {
    if (variant == LoaderVariant.FENCED) {
      sync.scriptLoad(LoaderScripts.FENCED_COMMIT);
    }
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
  public boolean commit(LoaderVariant variant, int chunk, List<String> rows) {
    String[] values = rows.toArray(String[]::new);
    switch (variant) {
      case PLAIN, BITMAP, CLIENT_NAME_LOCK -> {
        // The whole transaction in one write (one dispatch of all four commands: on the wire at
        // once, or all into the disconnected buffer, in order). Written command by command, a
        // connection cut in the middle of the writes could reach Lettuce as an RST (the peer closing
        // with part of the commit unread); Lettuce then fails MULTI alone and replays the rest
        // without it (LoaderDefectsIntegrationTests, test d), or requeues a write that straddled
        // the cut behind later commands.
        List<RedisCommand<String, String, ?>> batch = new ArrayList<>();
        batch.add(new AsyncCommand<>(new Command<>(CommandType.MULTI, new StatusOutput<>(StringCodec.UTF8))));
        batch.add(new AsyncCommand<>(new Command<>(CommandType.LPUSH, new IntegerOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).addKey(keys.list()).addValues(values))));
        if (variant != LoaderVariant.PLAIN) {
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
        return true;
      }
      case FENCED -> {
        String[] args = new String[values.length + 1];
        args[0] = Integer.toString(chunk);
        System.arraycopy(values, 0, args, 1, values.length);
        String[] k = {keys.list(), keys.done()};
        Long reply;
        try {
          reply = await(async.<Long>evalsha(FENCED_SHA, ScriptOutputType.INTEGER, k, args));
        } catch (RedisNoScriptException e) {
          reply = await(async.<Long>eval(LoaderScripts.FENCED_COMMIT, ScriptOutputType.INTEGER, k, args));
        }
        return reply == 1L;
      }
      default -> throw new IllegalStateException(variant.id());
    }
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
    try {
      connection.close();
    } catch (RuntimeException ignored) {
      // broken connection
    }
    client.shutdown(0, 1, TimeUnit.SECONDS);
    resources.shutdown(0, 1, TimeUnit.SECONDS);
  }
}
