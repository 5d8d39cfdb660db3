package io.redisrace.chaos.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a run hands its deployment copies to trials: exclusive ones alone, the others shared, first come first served. */
class CopyPoolTests {
  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void exclusiveTrialsTakeOneCopyEachAndTheNextWaitsForARelease() throws Exception {
    CopyPool copies = new CopyPool(2);
    int first = copies.acquire(true);
    int second = copies.acquire(true);
    assertThat(first).isNotEqualTo(second);

    Future<Integer> third = waiting(() -> copies.acquire(true));
    copies.release(second);
    assertThat(third.get()).isEqualTo(second);
  }

  @Test
  void sharedTrialsSpreadOverTheCopiesAndNeverJoinOneHeldAlone() throws Exception {
    CopyPool copies = new CopyPool(2);
    int alone = copies.acquire(true);
    int shared1 = copies.acquire(false);
    int shared2 = copies.acquire(false);
    assertThat(shared1).isNotEqualTo(alone).isEqualTo(shared2);
    copies.release(alone);
    assertThat(copies.acquire(false)).isEqualTo(alone); // the least shared copy
  }

  @Test
  void anExclusiveTrialWaitsForTheSharedOnesAndNoLaterSharedTrialOvertakesIt() throws Exception {
    CopyPool copies = new CopyPool(1);
    int shared = copies.acquire(false);
    Future<Integer> exclusive = waiting(() -> copies.acquire(true));
    Future<Integer> later = waiting(() -> copies.acquire(false));

    copies.release(shared);
    assertThat(exclusive.get()).isZero();
    assertWaiting(later);
    copies.release(0);
    assertThat(later.get()).isZero();
  }

  @Test
  void aTrialInterruptedWhileWaitingLeavesTheQueue() throws Exception {
    CopyPool copies = new CopyPool(1);
    copies.acquire(true);
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    Future<Integer> interrupted = waiting(() -> {
      thread.complete(Thread.currentThread());
      return copies.acquire(true);
    });
    thread.get().interrupt();
    await().atMost(Duration.ofSeconds(10)).until(interrupted::isDone);

    Future<Integer> next = waiting(() -> copies.acquire(false));
    copies.release(0);
    assertThat(next.get()).isZero();
  }

  /** Runs {@code acquire} on a thread of its own and returns once that thread waits inside the pool. */
  private Future<Integer> waiting(java.util.concurrent.Callable<Integer> acquire) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    Future<Integer> f = pool.submit(() -> {
      thread.complete(Thread.currentThread());
      return acquire.call();
    });
    Thread t = thread.get();
    await().atMost(Duration.ofSeconds(10)).until(() -> t.getState() == Thread.State.WAITING || f.isDone());
    assertThat(f).isNotDone();
    return f;
  }

  /** Still waiting: it has not returned, and its thread waits inside the pool. */
  private static void assertWaiting(Future<Integer> f) {
    assertThat(f).isNotDone();
  }
}
