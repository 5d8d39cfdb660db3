package io.redisrace.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that hunts races with the harness: its test methods (and constructors,
 * lifecycle methods) may take a {@link RaceHunter}, a {@link LoaderChaos}, or a
 * {@code @Redis("2.8") RedisServer}. The servers are started on first use and stopped once the
 * class's tests are done, like Testcontainers' containers (see {@link RedisRaceExtension}).
 *
 * <pre>{@code
 * @RedisRaceTest
 * class MyCounterTests {
 *   @Test
 *   void leavesNoTtlLessKey(RaceHunter hunter) {
 *     hunter.hunt(new MyCounterVariant()).on("2.8", "7.0").duration(Duration.ofSeconds(10)).run().assertNoTtlLessKeys();
 *   }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisRaceExtension.class)
public @interface RedisRaceTest {}
