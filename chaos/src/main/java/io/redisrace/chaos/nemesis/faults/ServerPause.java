package io.redisrace.chaos.nemesis.faults;

import io.redisrace.chaos.history.Op;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Nemesis;
import io.redisrace.chaos.nemesis.Target;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import io.redisrace.server.RedisVersion;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * {@code server-pause}: {@code DEBUG SLEEP} of the client timeout plus 1 s on the redis-server
 * itself, sent on a connection of its own (not through A's proxy): every client of the server sees
 * the pause, and a lease held in Redis (lease-lock's) runs out during it. Struck mid-commit
 * ({@code commit-sending}), A is released into the sleeping server: its commit waits there, its
 * client times out (a jedis-retry retry is held until the competitor ran), the server wakes and
 * runs what it queued. Struck at a step before the commit (the variant's
 * {@link LoaderVariant#stepsBeforeCommit()}), A stays held through the pause, as a loader whose next
 * request waits in the sleeping server: when the server wakes the competitor's requests are served
 * first, and A goes on only once the competitor is done. Heal: wait until the server answers again.
 * It stops the shared server, so no other trial runs beside it ({@link #exclusive()}); from Redis
 * 7.0 the server must be started with {@code enable-debug-command yes} ({@link #serverConfig}).
 */
public final class ServerPause implements Fault {
  /** DEBUG is refused from 7.0 unless enabled at start. */
  static final RedisVersion DEBUG_PROTECTED = RedisVersion.parse("7.0.0");

  @Override
  public String id() {
    return "server-pause";
  }

  @Override
  public String summary() {
    return "DEBUG SLEEP (client timeout + 1 s) on the server, A held or its commit in flight";
  }

  @Override
  public List<Step> phases(LoaderVariant variant) {
    List<Step> phases = new ArrayList<>(variant.stepsBeforeCommit());
    phases.add(Step.COMMIT_SENDING);
    return List.copyOf(phases);
  }

  @Override
  public boolean exclusive() {
    return true;
  }

  @Override
  public Map<String, String> serverConfig(RedisVersion version) {
    return version.atLeast(DEBUG_PROTECTED) ? Map.of("enable-debug-command", "yes") : Map.of();
  }

  /** How long the server sleeps: longer than any command timeout of the loaders under a fault. */
  static Duration pause(Duration clientTimeout) {
    return clientTimeout.plusSeconds(1);
  }

  @Override
  public Nemesis.Strike strike(Target t) throws InterruptedException {
    Duration pause = pause(t.clientTimeout());
    t.a().holdAt(Step.COMMIT_RETRY, t.chunk());
    CompletableFuture<String> sleep = new CompletableFuture<>();
    Thread sleeper = new Thread(() -> {
      try (Jedis own = ClientMode.jedis(t.redis().getHost(), t.redis().getPort(), pause.plus(Nemesis.EFFECT_BOUND))) {
        Object reply = own.sendCommand(() -> SafeEncoder.encode("DEBUG"), "SLEEP", Double.toString(pause.toMillis() / 1000.0));
        sleep.complete(SafeEncoder.encode((byte[]) reply));
      } catch (RuntimeException e) {
        sleep.complete(String.valueOf(e.getMessage()));
      }
    }, "server-pause");
    sleeper.setDaemon(true);
    sleeper.start();
    boolean asleep = Nemesis.await(() -> sleep.isDone() || !answers(t, Duration.ofMillis(200)), Nemesis.EFFECT_BOUND) && !sleep.isDone();
    t.history().add("nemesis", Op.Type.info, "asleep", asleep);
    boolean midCommit = t.a().events().stream().anyMatch(e -> e.is(Step.COMMIT_SENDING, t.chunk()));
    if (midCommit) {
      t.a().release(); // A sends its commit into the sleeping server
    }
    sleeper.join(pause.plus(Nemesis.EFFECT_BOUND).toMillis());
    boolean awake = Nemesis.await(() -> answers(t, Duration.ofSeconds(1)), Nemesis.EFFECT_BOUND);
    String reply = sleep.getNow("no reply");
    t.runCompetitor().get();
    t.a().release();
    if (!"OK".equals(reply)) {
      return new Nemesis.Strike(false, "the server refused DEBUG SLEEP: " + reply);
    }
    return new Nemesis.Strike(asleep && awake, "server asleep " + pause.toMillis() + " ms "
        + (midCommit ? "with the commit in flight" : "with A held before its commit") + (asleep ? "" : " (the pause was not seen)"));
  }

  /** The server answers PING on a fresh connection within {@code bound}. */
  static boolean answers(Target t, Duration bound) {
    try (Jedis probe = ClientMode.jedis(t.redis().getHost(), t.redis().getPort(), bound)) {
      return "PONG".equals(probe.ping());
    } catch (RuntimeException e) {
      return false;
    }
  }
}
