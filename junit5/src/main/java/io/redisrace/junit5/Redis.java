package io.redisrace.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which server a {@code RedisServer} parameter of a {@link RedisRaceTest} is: a {@code --server}
 * id ({@code 2.8}, {@code 6.2}, {@code 7.0}, {@code system}, {@code redis://host:port},
 * {@code docker:redis:7.4}). Tests of one class that name the same id share one server.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Redis {
  /** The server id. */
  String value();
}
