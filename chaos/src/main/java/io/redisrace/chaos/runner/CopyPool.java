package io.redisrace.chaos.runner;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The copies of a run's deployment ({@code --copies}), handed to trials in the order they ask. A
 * trial whose fault needs a deployment to itself ({@code Fault.exclusive()}: it strikes the server
 * or the topology) waits for a copy that no other trial is on and holds it alone; any other trial
 * shares the copy with the fewest trials on it, never one held alone. Strictly first come, first
 * served, as the fair read-write lock of one copy was, so that no exclusive trial starves behind a
 * stream of shared ones.
 */
final class CopyPool {
  private static final int HELD_ALONE = -1;

  /** Per copy: the trials on it, or {@link #HELD_ALONE}. */
  private final int[] users;
  private final Deque<Object> waiting = new ArrayDeque<>();

  CopyPool(int copies) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies: " + copies);
    }
    this.users = new int[copies];
  }

  /** Blocks until the trial may run; returns the copy it runs on, to be given back to {@link #release}. */
  synchronized int acquire(boolean exclusive) throws InterruptedException {
    Object me = new Object();
    waiting.addLast(me);
    try {
      while (true) {
        int copy = waiting.peekFirst() == me ? pick(exclusive) : -1;
        if (copy >= 0) {
          users[copy] = exclusive ? HELD_ALONE : users[copy] + 1;
          return copy;
        }
        wait();
      }
    } finally {
      waiting.remove(me);
      notifyAll();
    }
  }

  synchronized void release(int copy) {
    users[copy] = users[copy] == HELD_ALONE ? 0 : users[copy] - 1;
    notifyAll();
  }

  /** An idle copy for an exclusive trial; else the least shared copy not held alone; -1: none now. */
  private int pick(boolean exclusive) {
    int best = -1;
    for (int i = 0; i < users.length; i++) {
      if (exclusive && users[i] == 0) {
        return i;
      }
      if (!exclusive && users[i] != HELD_ALONE && (best < 0 || users[i] < users[best])) {
        best = i;
      }
    }
    return best;
  }
}
