package io.redisrace.loader;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.Scripts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.util.SafeEncoder;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A {@link ChunkStore} on one Jedis connection, reopened by {@link #reconnect()}. */
final class JedisChunkStore implements ChunkStore {
  private static final String FENCED_SHA = Scripts.sha1(LoaderScripts.FENCED_COMMIT);

  private final String host;
  private final int port;
  private final Duration timeout;
  private final LoaderKeys keys;
  private Jedis jedis;

  JedisChunkStore(String host, int port, Duration timeout, LoaderKeys keys) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.keys = keys;
  }

  private Jedis jedis() {
    if (jedis == null) {
      jedis = ClientMode.jedis(host, port, timeout);
    }
    return jedis;
  }

  /** Drops the connection; the next command opens a new one (what jedis-retry does). */
  void reconnect() {
    close();
  }

  static boolean isConnectionError(RuntimeException e) {
    return e instanceof JedisConnectionException;
  }

  @Override
  public void prepare(LoaderVariant variant) {
    if (variant == LoaderVariant.FENCED) {
      jedis().scriptLoad(LoaderScripts.FENCED_COMMIT);
    }
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
  public boolean commit(LoaderVariant variant, int chunk, List<String> rows) {
    String[] values = rows.toArray(String[]::new);
    switch (variant) {
      case PLAIN -> {
        Transaction tx = jedis().multi();
        tx.lpush(keys.list(), values);
        tx.exec();
        return true;
      }
      case BITMAP, CLIENT_NAME_LOCK -> {
        Transaction tx = jedis().multi();
        tx.lpush(keys.list(), values);
        tx.setbit(keys.done(), chunk, true);
        tx.exec();
        return true;
      }
      case FENCED -> {
        List<String> args = new ArrayList<>(rows.size() + 1);
        args.add(Integer.toString(chunk));
        args.addAll(rows);
        List<String> k = List.of(keys.list(), keys.done());
        Object reply;
        try {
          reply = jedis().evalsha(FENCED_SHA, k, args);
        } catch (JedisNoScriptException e) {
          reply = jedis().eval(LoaderScripts.FENCED_COMMIT, k, args);
        }
        return ((Number) reply).longValue() == 1;
      }
      default -> throw new IllegalStateException(variant.id());
    }
  }

  @Override
  public void close() {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException ignored) {
        // broken connection
      }
      jedis = null;
    }
  }
}
