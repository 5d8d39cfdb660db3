package io.redisrace.chaos.workload;

import io.redisrace.loader.Step;
import java.util.Map;

/**
 * The holds of a black-box loader that does not opt in to step events (docs/your-loader.md, "A
 * loader that does not opt in"). It reports nothing, so: the start line (chunk-started, hello)
 * counts as reached once it runs; the first hold at any other step is "reached" a seeded time after
 * its start, without stopping it (the fault then strikes whatever it is doing); later holds are
 * ignored.
 */
final class BlindStrike {
  private final LoaderHandle handle;
  private final long at;
  private boolean armed;

  BlindStrike(LoaderHandle handle, long strikeAfterMs) {
    this.handle = handle;
    this.at = System.nanoTime() + Math.max(0, strikeAfterMs) * 1_000_000;
  }

  /** Called (under the handle's lock) for each hold the harness sets. */
  void arm(Step step, int chunk) {
    Event e = new Event(handle.id(), step, chunk, Map.of("loader", handle.id(), "step", step.id(), "chunk", chunk, "blind", true));
    if (step == Step.CHUNK_STARTED || step == Step.HELLO) {
      handle.reach(e);
      return;
    }
    if (armed) {
      return;
    }
    armed = true;
    Thread t = new Thread(() -> {
      try {
        long left;
        while ((left = at - System.nanoTime()) > 0) {
          Thread.sleep(Math.max(1, left / 1_000_000));
        }
        handle.reach(e);
      } catch (InterruptedException ignored) {
        // the trial is over
      }
    }, "blind-strike-" + handle.id());
    t.setDaemon(true);
    t.start();
  }
}
