package com.example.race;

import io.redisrace.junit5.LoaderChaos;
import io.redisrace.junit5.RedisRaceTest;
import org.junit.jupiter.api.Test;

/**
 * "Run my loader variant through these chaos cells and assert no loss or duplication." The
 * loaders are real processes that load ExampleFencedLoader from this project's test classes.
 */
@RedisRaceTest
class LoaderChaosTests {

  @Test
  void theFencedLoaderLosesAndDuplicatesNothing(LoaderChaos chaos) {
    chaos.loader(new ExampleFencedLoader())
        .faults("none", "sigkill-after-commit", "lost_reply")
        .clients("jedis-retry", "lettuce")
        .concurrency(4)
        .run()
        .assertNoLossOrDuplication();
  }
}
