package io.redisrace.chaos.nemesis;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.chaos.history.Op;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Strikes one {@link Fault} into a trial and heals it, and the helpers the faults share. Called
 * with loader A held at the fault's step; returns with every toxic removed, the proxy enabled and A
 * continued (or dead). All waits are bounded and wait for an observable state (an event, a bit in
 * Redis, a connection name), never for luck.
 */
public final class Nemesis {
  /** Upper bound of any wait of the nemesis for an effect to show. */
  public static final Duration EFFECT_BOUND = Duration.ofSeconds(5);

  private Nemesis() {}

  /** What happened: whether the fault hit, and a note for the record. */
  public record Strike(boolean applied, String note) {}

  public static Strike strike(Fault fault, Target t) throws InterruptedException {
    t.history().add("nemesis", Op.Type.info, "start", fault.id(), Map.of("chunk", t.chunk()));
    try {
      return fault.strike(t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      heal(t);
      t.a().releaseAll();
      t.history().add("nemesis", Op.Type.info, "stop", fault.id());
    }
  }

  /** Sets a toxic on A's proxy. */
  public interface ToxicAction {
    Object add() throws IOException;
  }

  /**
   * A connection fault: set the toxic, hold A at a jedis-retry retry, let A go on into the toxic,
   * wait for the effect (A reports an outcome or a retry, or {@code effect} holds, or the bound),
   * run the competitor while the fault still holds, heal, release A.
   */
  public static Strike network(Target t, ToxicAction toxic, BooleanSupplier effect, Duration bound, String note)
      throws IOException, InterruptedException {
    toxic.add();
    t.a().holdAt(Step.COMMIT_RETRY, t.chunk());
    t.a().release();
    boolean seen = awaitOutcome(t, effect, bound);
    t.runCompetitor().get();
    heal(t);
    t.a().release();
    return new Strike(true, note + (seen ? "" : " (no outcome seen before the heal)"));
  }

  /**
   * Waits until A reports an outcome of its commit (acknowledged, failed, or a retry) or
   * {@code effect} holds, A exited, or the bound passed; true when an outcome or the effect was seen.
   */
  public static boolean awaitOutcome(Target t, BooleanSupplier effect, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    boolean seen = false;
    while (!seen && System.nanoTime() < deadline && !t.a().exited()) {
      seen = effect.getAsBoolean() || t.a().events().stream().anyMatch(e -> e.chunk() == t.chunk()
          && (e.step() == Step.COMMIT_ACKED || e.step() == Step.COMMIT_FAILED || e.step() == Step.COMMIT_RETRY));
      if (!seen) {
        Thread.sleep(5);
      }
    }
    return seen;
  }

  /** A's client-name-lock name is no longer on any connection (false for variants that take no connection name). */
  public static boolean lockGone(Target t) {
    String name = t.keys().lockName(t.chunk());
    boolean lockVariant = t.a().events().stream().anyMatch(e -> e.step() == Step.LOCK_TAKEN && name.equals(e.get("name")));
    return lockVariant && !t.admin().clientList().contains("name=" + name + " ") && !t.admin().clientList().endsWith("name=" + name);
  }

  /** SIGKILL A, wait for its end, run the competitor. */
  public static Strike kill(Target t, String note) throws InterruptedException {
    t.a().signal("KILL");
    boolean dead = t.a().awaitExit(EFFECT_BOUND).isPresent();
    t.history().add("nemesis", Op.Type.info, "kill", t.a().name());
    t.runCompetitor().get();
    return new Strike(dead, note);
  }

  /**
   * The downstream {@code limit_data} that cuts the reply acknowledging a commit: the bytes of the
   * commit's earlier replies ({@link LoaderVariant#commitRepliesBeforeAck()})
   * plus the first byte of the last reply. Jedis reads every reply before it sends the next
   * command, so the proxy must not close before EXEC (or the script) was sent; one byte of its
   * reply proves that it ran. Then the proxy closes (FIN).
   */
  public static long cutLastReply(LoaderVariant variant) {
    return 1 + variant.commitRepliesBeforeAck();
  }

  /** Downstream timeout 0: every reply is dropped, the connection stays open. */
  public static void dropReplies(Target t) throws IOException {
    t.proxy().toxics().timeout("drop-replies", ToxicDirection.DOWNSTREAM, 0);
  }

  public static long listLength(Target t) {
    return t.admin().llen(t.keys().list());
  }

  /** The commit of A's chunk is visible: its bit is set, or the list grew (plain). */
  public static boolean committed(Target t, long lengthBefore) {
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
  public static boolean allThreadsStopped(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    try (var dirs = Files.list(tasks)) {
      return dirs.allMatch(d -> {
        try {
          String stat = Files.readString(d.resolve("stat"));
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

  /** Polls {@code condition} every 5 ms until it holds or the bound passed; its last value. */
  public static boolean await(BooleanSupplier condition, Duration bound) throws InterruptedException {
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
