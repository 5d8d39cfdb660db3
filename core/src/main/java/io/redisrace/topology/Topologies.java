package io.redisrace.topology;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the Sentinel and the cluster topology share: waiting for health, and stopping every process. */
final class Topologies {
  private Topologies() {}

  /** Polls {@code problem} until it is empty or {@code timeout} passes; returns the last problem (empty: healthy). */
  static Optional<String> awaitHealthy(Supplier<Optional<String>> problem, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> p = problem.get();
      if (p.isEmpty() || System.nanoTime() > deadline) {
        return p;
      }
      SentinelTopology.pause(50);
    }
  }

  /** Closes each in order, all of them even when one fails, then throws the first failure. */
  static void closeAll(List<? extends AutoCloseable> all) {
    RuntimeException first = null;
    for (AutoCloseable c : all) {
      try {
        c.close();
      } catch (Exception e) {
        first = first != null ? first : new IllegalStateException("could not stop " + c, e);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
