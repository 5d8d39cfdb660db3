package io.redisrace.chaos.workload;

import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderKeys;
import java.time.Duration;
import redis.clients.jedis.Jedis;

/**
 * Watches a black-box loader's first seconds: until it shows a sign of life (a step event when it
 * opts in, else the trial's list or bitmap key in Redis) or ends. One that shows none within
 * {@link #CONNECT_BOUND} never connected: it is killed and its run gets that sentence. A daemon
 * thread per run, ending with the run's first sign of life or end.
 */
final class ProgramWatch {
  /** How long a black-box loader may take to connect (Python or a JVM start well within it). */
  static final Duration CONNECT_BOUND = Duration.ofSeconds(10);

  private ProgramWatch() {}

  static void start(LoaderHandle h, LoaderSpec spec, ControlServer control) {
    Thread t = new Thread(() -> watch(h, spec, control), "watch-" + h.id());
    t.setDaemon(true);
    t.start();
  }

  private static void watch(LoaderHandle h, LoaderSpec spec, ControlServer control) {
    CommandLoader program = h.program();
    LoaderKeys keys = new LoaderKeys(spec.keyPrefix());
    long deadline = System.nanoTime() + CONNECT_BOUND.toNanos();
    try {
      while (true) {
        boolean ended = h.exited();
        if (h.hasSignOfLife() || !program.optsIn() && touched(spec, keys)) {
          h.signOfLife();
          return;
        }
        if (ended) {
          String garbage = control.lastUnknownGarbage();
          if (program.optsIn() && garbage != null) {
            h.problem(garbage);
          }
          return;
        }
        if (System.nanoTime() > deadline) {
          h.problem("never connected: no " + (program.optsIn() ? "step on the control socket" : "write to Redis") + " within "
              + CONNECT_BOUND.toSeconds() + " s, so it was killed");
          h.signal("KILL");
          return;
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // the trial is over (process gone): nothing to watch
    }
  }

  /** The trial's list or bitmap exists (checked directly on Redis where {@code spec} points, bounded). */
  private static boolean touched(LoaderSpec spec, LoaderKeys keys) {
    try (Jedis j = ClientMode.jedis(spec.host(), spec.port(), Duration.ofMillis(500))) {
      return j.exists(keys.list(), keys.done()) > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
