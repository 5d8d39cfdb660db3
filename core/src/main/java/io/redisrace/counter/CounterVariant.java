package io.redisrace.counter;

import io.lettuce.core.api.StatefulRedisConnection;
import io.redisrace.HasId;
import io.redisrace.server.RedisVersion;
import java.util.Optional;
import redis.clients.jedis.Jedis;

/**
 * One way of writing the counter, for Jedis and for Lettuce. Built-in variants are
 * {@link BuiltInVariant}; users add their own by implementing this interface and listing the class
 * in {@code META-INF/services/io.redisrace.counter.CounterVariant}: it is then benchmarked, hunted
 * and tested alongside the built-ins (see {@link CounterVariants}).
 */
public interface CounterVariant extends HasId {

  /** Short, unique, lower-case id used in parameters and reports ("multi"). */
  @Override
  String id();

  /** One line: how the operation is written. */
  String description();

  /** Empty when the variant can run on a server of this version; else one sentence why not. */
  default Optional<String> unsupportedOn(RedisVersion version) {
    return Optional.empty();
  }

  /** A counter on this Jedis connection; the counter owns (and closes) the connection. */
  Counter jedis(Jedis connection, long ttlMs);

  /** A counter on this Lettuce connection; the counter owns (and closes) the connection. */
  Counter lettuce(StatefulRedisConnection<String, String> connection, long ttlMs);
}
