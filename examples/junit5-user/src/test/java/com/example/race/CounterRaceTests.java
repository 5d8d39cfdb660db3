package com.example.race;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisrace.counter.CounterVariant;
import io.redisrace.junit5.HuntReport;
import io.redisrace.junit5.RaceHunter;
import io.redisrace.junit5.RedisRaceTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * "Run my counter in the race hunt on 2.8 and 7.0 for 10 s and assert it left no TTL-less key."
 * The extension starts Redis 2.8.19 and 7.0.15 for this class and stops them after it.
 */
@RedisRaceTest
class CounterRaceTests {
  private static final Duration PER_SERVER = Duration.ofSeconds(Long.getLong("example.hunt.seconds", 10));

  /** The check this project wants of its counter: no TTL-less key on 2.8 or 7.0. */
  private static HuntReport huntLeavesNoTtlLessKey(RaceHunter hunter, CounterVariant counter) {
    return hunter.hunt(counter)
        .on("2.8", "7.0")
        .duration(PER_SERVER)
        .stopAfterTtlLess(1) // one TTL-less key is enough to fail
        .run()
        .assertNoTtlLessKeys();
  }

  @Test
  void theLuaCounterPasses(RaceHunter hunter) {
    huntLeavesNoTtlLessKey(hunter, new ExampleLuaCounter());
  }

  @Test
  void theNaiveCounterFails(RaceHunter hunter) {
    AssertionError failure = assertThrows(AssertionError.class, () -> huntLeavesNoTtlLessKey(hunter, new ExampleNaiveCounter()));
    String message = failure.getMessage();
    assertTrue(message.contains("Counter variant 'example-naive' left TTL-less keys"), message);
    assertTrue(message.contains("Redis 2.8.19 (2.8)") && message.contains("Redis 7.0.15 (7.0)"), message);
    assertTrue(message.contains("keys race:example-naive:0"), message);
    assertTrue(message.contains("replay: java -cp core/target/redis-race.jar:"), message);
  }
}
