package io.redisrace.counter;

import io.redisrace.server.RedisVersion;

/**
 * Where counters run: one server ({@link CounterDriver} with a keyspace on one connection) or a
 * cluster (the counters route each key to its slot's node). The hunt asks it for one counter per
 * thread, deletes a TTL-less key it counted, and clears and audits the keys under its prefix.
 */
public interface CounterTarget extends AutoCloseable {

  /** The server id for results ({@code 2.8}, {@code cluster:7.0}, {@code redis-cluster}). */
  String serverId();

  RedisVersion version();

  /** A counter on new connections, for one thread. */
  Counter newCounter();

  /** Deletes {@code key}; safe from any thread. */
  void delete(String key);

  /** Deletes every key under {@code prefix}. */
  void clear(String prefix);

  /** The keys under {@code prefix} without a TTL ({@link KeyspaceAudit}), over every node. */
  KeyspaceAudit.Result audit(String prefix);

  @Override
  void close();
}
