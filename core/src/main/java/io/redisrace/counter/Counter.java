package io.redisrace.counter;

/**
 * One connection's way of running the counter operation: "create the key with a TTL if it is
 * absent, increment it, read its TTL". Not thread-safe: one per thread, each on its own connection.
 */
public interface Counter extends AutoCloseable {

  /** Runs the operation once on {@code key}. */
  Outcome increment(String key);

  /** Closes the connection. */
  @Override
  void close();
}
