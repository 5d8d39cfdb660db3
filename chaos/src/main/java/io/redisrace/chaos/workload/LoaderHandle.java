package io.redisrace.chaos.workload;

import io.redisrace.chaos.history.History;
import io.redisrace.chaos.history.Op;
import io.redisrace.loader.Step;
import io.redisrace.process.ChildProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The harness's handle on one loader: its events, its history entries, and its step hold (the
 * harness end of the loader's {@link io.redisrace.loader.StepHold}). A loader is held at a step by
 * {@link #holdAt}: when it reports that step the control thread simply does not answer until
 * {@link #release()}. Runs as an OS process ({@link #child()}) or, for the
 * competitor, as a thread of the harness ({@link #thread()}).
 */
public final class LoaderHandle {
  /** Longest a loader is ever held at a step; past it the hold lets go by itself. */
  static final Duration MAX_HOLD = Duration.ofSeconds(60);

  private final String id;
  private final String process;
  private final History history;
  private final List<Event> events = new ArrayList<>();
  private Step holdStep;
  private int holdChunk;
  private Event heldAt;
  private Integer openCommit;
  private volatile ChildProcess child;
  private volatile Thread thread;
  private volatile Integer threadExit;
  /** A black-box loader's program (null: a LoaderMain or a thread). */
  private volatile CommandLoader program;
  /** What went wrong with the program itself (garbage on the control socket, never connected), or null. */
  private volatile String problem;
  /** The program showed it works: it reported a step, or (not opting in) the trial's keys appeared in Redis. */
  private volatile boolean signOfLife;
  /** Not opting in: its holds, emulated. */
  private BlindStrike blind;

  LoaderHandle(String id, String process, History history) {
    this.id = id;
    this.process = process;
    this.history = history;
  }

  /** Unique id on the control channel (the loader's --name). */
  public String id() {
    return id;
  }

  /** Name in the history ("A", "A'1", "B"). */
  public String name() {
    return process;
  }

  void attach(ChildProcess child) {
    this.child = child;
  }

  void attach(Thread thread) {
    this.thread = thread;
  }

  void threadExited(int code) {
    threadExit = code;
    synchronized (this) {
      notifyAll();
    }
  }

  public ChildProcess child() {
    return child;
  }

  public Thread thread() {
    return thread;
  }

  /** Holds the loader the next time it reports {@code step} for {@code chunk} (-1: any chunk). */
  public synchronized void holdAt(Step step, int chunk) {
    holdStep = step;
    holdChunk = chunk;
    armBlind();
  }

  /**
   * Marks this handle's process as a black-box loader's; one that does not opt in to step events
   * gets its holds emulated ({@link BlindStrike}), struck {@code strikeAfterMs} after its start.
   */
  synchronized void program(CommandLoader loader, long strikeAfterMs) {
    program = loader;
    if (!loader.optsIn()) {
      blind = new BlindStrike(this, strikeAfterMs);
      armBlind();
    }
  }

  public CommandLoader program() {
    return program;
  }

  private void armBlind() {
    if (blind != null && holdStep != null) {
      blind.arm(holdStep, holdChunk);
      holdStep = null;
    }
  }

  /** A blind hold is reached: as if the loader had reported {@code e} (it is not stopped). */
  synchronized void reach(Event e) {
    if (!exited()) {
      heldAt = e;
      notifyAll();
    }
  }

  synchronized void problem(String what) {
    if (problem == null) {
      problem = what;
    }
  }

  /** What the harness saw go wrong with a black-box loader itself (garbage, never connected), or null. */
  public String reportedProblem() {
    return problem;
  }

  void signOfLife() {
    signOfLife = true;
  }

  public boolean hasSignOfLife() {
    return signOfLife;
  }

  /** Lets a loader held at its step go on (a hold set for a later step stays). */
  public synchronized void release() {
    heldAt = null;
    notifyAll();
  }

  /** Lets the loader go on and drops any pending hold: it runs free from now on. */
  public synchronized void releaseAll() {
    holdStep = null;
    heldAt = null;
    notifyAll();
  }

  /** Waits until the loader is held at its step; empty when it exited or the time ran out first. */
  public synchronized Optional<Event> awaitHeld(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (heldAt == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || exited()) {
        return Optional.empty();
      }
      wait(Math.max(1, Math.min(50, left / 1_000_000)));
    }
    return Optional.of(heldAt);
  }

  /** Waits for an event matching {@code p} (seen before or after the call); empty on exit or timeout. */
  public synchronized Optional<Event> awaitEvent(Predicate<Event> p, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Event e : events) {
        if (p.test(e)) {
          return Optional.of(e);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || exited()) {
        return Optional.empty();
      }
      wait(Math.max(1, Math.min(50, left / 1_000_000)));
    }
  }

  public synchronized List<Event> events() {
    return List.copyOf(events);
  }

  /** Called by the control channel for each event; returns when the loader may go on. */
  void onEvent(Event e) {
    signOfLife = true;
    synchronized (this) {
      events.add(e);
      record(e);
      if (holdStep != null && e.is(holdStep, holdChunk)) {
        heldAt = e;
        holdStep = null;
      }
      notifyAll();
      long deadline = System.nanoTime() + MAX_HOLD.toNanos();
      while (heldAt == e && System.nanoTime() < deadline) {
        try {
          wait(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void record(Event e) {
    Map<String, Object> d = new LinkedHashMap<>();
    switch (e.step()) {
      case HELLO -> history.add(process, Op.Type.invoke, "load", null, Map.of("pid", e.get("pid")));
      case COMMIT_SENDING -> {
        openCommit = e.chunk();
        history.add(process, Op.Type.invoke, "commit", e.chunk());
      }
      case COMMIT_ACKED -> {
        openCommit = null;
        d.put("applied", e.get("applied"));
        history.add(process, Op.Type.ok, "commit", e.chunk(), d);
      }
      case COMMIT_RETRY -> {
        // A program of its own may leave out error= or attempt=: the history records that, it does not fail.
        d.put("error", e.fields().getOrDefault("error", "not given"));
        history.add(process, Op.Type.info, "commit", e.chunk(), d);
        history.add(process, Op.Type.invoke, "commit", e.chunk(), Map.of("attempt", e.fields().getOrDefault("attempt", "not given")));
      }
      case COMMIT_FAILED -> {
        openCommit = null;
        d.put("error", e.fields().getOrDefault("error", "not given"));
        history.add(process, Op.Type.info, "commit", e.chunk(), d);
      }
      case DONE -> history.add(process, Op.Type.ok, "load", null, e.fields());
      default -> { }
    }
  }

  private Integer exitCode;

  /** Records the loader's end, once, when {@code code} is known. */
  public synchronized void recordExitIfDone(Optional<Integer> code) {
    if (exitCode == null && code.isPresent()) {
      exitCode = code.get();
      recordExit(exitCode);
    }
  }

  /** The recorded exit code (137 = SIGKILL), or null while unknown. */
  public synchronized Integer exitCode() {
    return exitCode;
  }

  /** Records the loader's end in the history (an open commit becomes {@code info}: crashed). */
  private void recordExit(int code) {
    if (openCommit != null) {
      history.add(process, Op.Type.info, "commit", openCommit, Map.of("error", "process ended with the commit open"));
      openCommit = null;
    }
    history.add(process, code == 0 ? Op.Type.ok : Op.Type.info, "exit", code);
  }

  public boolean exited() {
    if (child != null) {
      return child.exitCode().isPresent();
    }
    return thread != null && threadExit != null;
  }

  /** Waits for the loader to end; returns its exit code (137 = SIGKILL), or empty on timeout. */
  public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
    if (child != null) {
      return child.waitFor(timeout);
    }
    if (thread != null) {
      thread.join(timeout.toMillis());
      return Optional.ofNullable(threadExit);
    }
    return Optional.empty();
  }

  public void signal(String signal) {
    if (child == null) {
      throw new IllegalStateException(process + " is not a process");
    }
    child.signal(signal);
  }

  @Override
  public String toString() {
    return process + (child != null ? " (pid " + child.pid() + ")" : "");
  }
}
