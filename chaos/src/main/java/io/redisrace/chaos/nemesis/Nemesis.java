package io.redisrace.chaos.nemesis;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.history.Op;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Injects one {@link Fault} into a trial and heals it. Called with loader A held at the fault's
 * step; returns with every toxic removed, the proxy enabled and A continued (or dead). What each
 * fault does, step by step, is documented on {@link Fault}; all waits are bounded and wait for an
 * observable state (an event, a bit in Redis, a connection name), never for luck.
 */
public final class Nemesis {
  /** Upper bound of any wait of the nemesis for an effect to show. */
  static final Duration EFFECT_BOUND = Duration.ofSeconds(5);

  private Nemesis() {}

  /** What happened: whether the fault hit, and a note for the record. */
  public record Strike(boolean applied, String note) {}

  public static Strike strike(Fault fault, Target t) throws InterruptedException {
    t.history().add("nemesis", Op.Type.info, "start", fault.id(), Map.of("chunk", t.chunk()));
    try {
      return switch (fault) {
        case NONE -> new Strike(false, "no fault");
        case SIGKILL_READING -> kill(t, "killed with the rows read");
        case SIGKILL_IN_FLIGHT -> {
          t.proxy().toxics().latency("in-flight", ToxicDirection.UPSTREAM, 400);
          t.a().release();
          // A writes its commit at once; the proxy holds it for 400 ms.
          Thread.sleep(100);
          yield kill(t, "killed with the commit in the proxy");
        }
        case SIGKILL_AFTER_COMMIT -> {
          dropReplies(t);
          long before = listLength(t);
          t.a().release();
          boolean landed = await(() -> committed(t, before), EFFECT_BOUND);
          Strike k = kill(t, landed ? "killed after the commit applied" : "killed; the commit was not seen in Redis");
          yield new Strike(k.applied() && landed, k.note());
        }
        case SIGSTOP -> {
          t.a().signal("STOP");
          // kill(2) returns before every thread has stopped: wait until the kernel shows them all stopped.
          boolean stopped = await(() -> allThreadsStopped(t.a().child().pid()), EFFECT_BOUND);
          t.history().add("nemesis", Op.Type.info, "stopped", stopped);
          t.a().release();
          boolean b = t.runCompetitor().get();
          t.a().signal("CONT");
          yield new Strike(true, b ? "paused while the competitor ran" : "paused (no competitor)");
        }
        case RESET_PEER -> network(t, () -> t.proxy().toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0),
            () -> lockGone(t), Duration.ofMillis(300), "next request swallowed, RST");
        case TIMEOUT -> network(t, () -> t.proxy().toxics().timeout("timeout", ToxicDirection.UPSTREAM, 500),
            () -> false, Duration.ofMillis(800), "requests dropped, FIN after 500 ms");
        case LIMIT_DATA -> network(t, () -> t.proxy().toxics().limitData("limit", ToxicDirection.DOWNSTREAM,
            cutLastReply(t.variant())), () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)),
            "commit delivered, its last reply cut, FIN");
        case LATENCY -> network(t, () -> t.proxy().toxics().latency("late", ToxicDirection.DOWNSTREAM,
            t.clientTimeout().toMillis() + 500), () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)),
            "reply later than the client timeout");
        case SLICER -> network(t, () -> t.proxy().toxics().slicer("slicer", ToxicDirection.UPSTREAM, 8, 0).setDelay(5000),
            () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)), "request in 8-byte slices");
        case BANDWIDTH -> network(t, () -> t.proxy().toxics().bandwidth("bw", ToxicDirection.UPSTREAM, 1),
            () -> false, t.clientTimeout().plus(Duration.ofMillis(1000)), "upstream 1 KB/s");
        case SLOW_CLOSE -> {
          t.proxy().toxics().slowClose("slow-up", ToxicDirection.UPSTREAM, 1000);
          t.proxy().toxics().slowClose("slow-down", ToxicDirection.DOWNSTREAM, 1000);
          yield kill(t, "killed; its connection closes 1 s late");
        }
        case LOST_REPLY -> {
          dropReplies(t);
          long before = listLength(t);
          t.a().holdAt(Step.COMMIT_RETRY, t.chunk());
          t.a().release();
          // Jedis reads MULTI's reply before it sends the rest: with no replies its commit never lands.
          boolean landed = await(() -> committed(t, before) || t.a().events().stream().anyMatch(e -> e.chunk() == t.chunk()
              && (e.step() == Step.COMMIT_FAILED || e.step() == Step.COMMIT_RETRY)), EFFECT_BOUND) && committed(t, before);
          t.proxy().disable();
          t.history().add("nemesis", Op.Type.info, "disconnect", "lost_reply");
          t.runCompetitor().get();
          heal(t);
          t.a().release();
          yield new Strike(landed, landed ? "commit applied, reply lost, connection dropped" : "the commit was not seen in Redis");
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      heal(t);
      t.a().releaseAll();
      t.history().add("nemesis", Op.Type.info, "stop", fault.id());
    }
  }

  private interface ToxicAction {
    Object add() throws IOException;
  }

  /**
   * A connection fault: set the toxic, hold A at a jedis-retry retry, let A go on into the toxic,
   * wait for the effect (A reports an outcome or a retry, or {@code effect} holds, or the bound),
   * run the competitor while the fault still holds, heal, release A.
   */
  private static Strike network(Target t, ToxicAction toxic, BooleanSupplier effect, Duration bound, String note)
      throws IOException, InterruptedException {
    toxic.add();
    t.a().holdAt(Step.COMMIT_RETRY, t.chunk());
    t.a().release();
    long deadline = System.nanoTime() + bound.toNanos();
    boolean seen = false;
    while (!seen && System.nanoTime() < deadline && !t.a().exited()) {
      seen = effect.getAsBoolean() || t.a().events().stream().anyMatch(e -> e.chunk() == t.chunk()
          && (e.step() == Step.COMMIT_ACKED || e.step() == Step.COMMIT_FAILED || e.step() == Step.COMMIT_RETRY));
      if (!seen) {
        Thread.sleep(5);
      }
    }
    t.runCompetitor().get();
    heal(t);
    t.a().release();
    return new Strike(true, note + (seen ? "" : " (no outcome seen before the heal)"));
  }

  /** A's client-name-lock name is no longer on any connection (false for other variants). */
  private static boolean lockGone(Target t) {
    String name = t.keys().lockName(t.chunk());
    boolean lockVariant = t.a().events().stream().anyMatch(e -> e.step() == Step.LOCK_TAKEN);
    return lockVariant && !t.admin().clientList().contains("name=" + name + " ") && !t.admin().clientList().endsWith("name=" + name);
  }

  private static Strike kill(Target t, String note) throws InterruptedException {
    t.a().signal("KILL");
    boolean dead = t.a().awaitExit(EFFECT_BOUND).isPresent();
    t.history().add("nemesis", Op.Type.info, "kill", t.a().name());
    t.runCompetitor().get();
    return new Strike(dead, note);
  }

  /**
   * The downstream {@code limit_data} that cuts the reply acknowledging a commit: the bytes of the
   * commit's earlier replies (RESP2: {@code +OK\r\n} for MULTI, {@code +QUEUED\r\n} per queued
   * command; the fenced script has only one reply) plus the first byte of the last reply. Jedis
   * reads every reply before it sends the next command, so the proxy must not close before EXEC (or
   * the script) was sent; one byte of its reply proves that it ran. Then the proxy closes (FIN).
   */
  public static long cutLastReply(io.redisrace.loader.LoaderVariant variant) {
    return 1 + switch (variant) {
      case PLAIN -> 5 + 9;
      case BITMAP, CLIENT_NAME_LOCK -> 5 + 9 + 9;
      case FENCED -> 0;
    };
  }

  /** Downstream timeout 0: every reply is dropped, the connection stays open. */
  private static void dropReplies(Target t) throws IOException {
    t.proxy().toxics().timeout("drop-replies", ToxicDirection.DOWNSTREAM, 0);
  }

  private static long listLength(Target t) {
    return t.admin().llen(t.keys().list());
  }

  /** The commit of A's chunk is visible: its bit is set, or the list grew (plain). */
  private static boolean committed(Target t, long lengthBefore) {
    return t.admin().getbit(t.keys().done(), t.chunk()) || t.admin().llen(t.keys().list()) > lengthBefore;
  }

  /** The heal of every fault: no toxic, proxy enabled, A not stopped. */
  public static void heal(Target t) {
    try {
      t.proxy().removeAllToxics();
      t.proxy().enable();
    } catch (RuntimeException ignored) {
      // proxy already gone
    }
    if (t.a().child() != null && t.a().child().isAlive()) {
      t.a().signal("CONT");
    }
  }

  /** True when every thread of the process is in state T (stopped), per /proc/PID/task/TID/stat. */
  static boolean allThreadsStopped(long pid) {
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(pid), "task");
    try (var dirs = java.nio.file.Files.list(tasks)) {
      return dirs.allMatch(d -> {
        try {
          String stat = java.nio.file.Files.readString(d.resolve("stat"));
          char state = stat.charAt(stat.lastIndexOf(')') + 2);
          return state == 'T' || state == 't' || state == 'Z' || state == 'X';
        } catch (IOException e) {
          return true; // thread gone
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  static boolean await(BooleanSupplier condition, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(5);
    }
    return condition.getAsBoolean();
  }
}
