package io.redisrace.hunt;

import io.redisrace.HarnessException;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.Topology;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import redis.clients.jedis.Jedis;

/**
 * Counters under failover: the race hunt on a Sentinel topology's primary, struck mid-hunt by a
 * {@link TopologyFault} ({@link StrikePlan}), and after the last heal the count of acknowledged
 * increments the counters lost ({@link AckLedger}) and of TTL-less keys. The hunt's duration is a
 * minimum: it goes on until every strike healed (or was recorded as not healed) and the healed
 * topology took {@link StrikePlan#every()} more acknowledged operations.
 */
public final class FailoverHunt {
  /** The shortest TTL a hunt under a fault accepts: a key must not expire on its own before the final read. */
  public static final Duration MIN_TTL = Duration.ofMinutes(1);
  /** The TTL a hunt under a fault gives its keys unless told otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
  /** How long the striker waits for {@link StrikePlan#every()} acknowledged operations before striking anyway. */
  static final Duration ACK_WAIT = Duration.ofSeconds(30);

  private FailoverHunt() {}

  public static FailoverResult run(SentinelTopology t, String persistence, HuntSettings s, StrikePlan plan, Consumer<RaceHunt.Progress> progress) {
    if (s.ttlMs() < MIN_TTL.toMillis()) {
      throw new HarnessException("Under --fault the TTL must be at least " + MIN_TTL.toMillis() + " ms (not " + s.ttlMs()
          + "), so that no key expires on its own during the hunt and every counter that went backwards lost increments.");
    }
    if (s.maxOps() > 0) {
      throw new HarnessException("Under --fault the hunt is bounded by --duration and the strikes, not by --ops.");
    }
    AckLedger ledger = new AckLedger();
    List<TopologyFault.Outcome> outcomes = new CopyOnWriteArrayList<>();
    AtomicReference<AckLedger.Settled> settled = new AtomicReference<>();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Thread striker = new Thread(() -> {
      try {
        strike(t, plan, ledger, outcomes);
      } catch (RuntimeException e) {
        failure.set(e);
      }
    }, "hunt-striker-" + plan.fault().id());
    striker.setDaemon(true);
    long t0 = System.nanoTime();
    RaceHunt.UnderFault underFault = new RaceHunt.UnderFault() {
      @Override
      public AckLedger ledger() {
        return ledger;
      }

      @Override
      public boolean mayStop() {
        return !striker.isAlive();
      }

      @Override
      public void settle() {
        try (Jedis primary = t.primary().jedis()) {
          settled.set(ledger.settle(primary, s.keyPrefix()));
        }
      }
    };
    striker.start();
    HuntResult hunt = RaceHunt.run(HuntTarget.of(t), s, underFault, progress);
    long span = (System.nanoTime() - t0) / 1_000_000;
    if (failure.get() != null) {
      throw failure.get();
    }
    AckLedger.Settled l = settled.get();
    // Every position of a final counter is an acknowledged reply, an operation whose reply never came
    // (an error) or a retry; what is left was never sent by this hunt.
    long unaccounted = Math.max(0, l.unacknowledged() - hunt.errors() - hunt.retries());
    return new FailoverResult(Topology.SENTINEL.id(), persistence, plan.fault().id(), hunt, List.copyOf(outcomes), l.acknowledged(),
        l.lost(), unaccounted, l.keys(), l.keysLost(), l.ttlLessKeys(), span < s.ttlMs() && unaccounted == 0,
        l.worst().stream().map(Object::toString).toList());
  }

  /** The striker: each strike once enough operations were acknowledged, then as many more after the last heal. */
  private static void strike(SentinelTopology t, StrikePlan plan, AckLedger ledger, List<TopologyFault.Outcome> outcomes) {
    for (int i = 0; i < plan.strikes(); i++) {
      awaitAcks(ledger, ledger.acknowledged() + plan.every());
      TopologyFault.Outcome o = plan.fault().strike(t, () -> sleep(plan.hold().toMillis()));
      outcomes.add(o);
      if (!o.healed()) {
        return; // the topology is recorded as not healed; striking it again measures nothing
      }
    }
    awaitAcks(ledger, ledger.acknowledged() + plan.every());
  }

  private static void awaitAcks(AckLedger ledger, long target) {
    long deadline = System.nanoTime() + ACK_WAIT.toNanos();
    while (ledger.acknowledged() < target && System.nanoTime() < deadline) {
      sleep(5);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lines for people: what the strikes did and what the counters lost. */
  public static List<String> describe(FailoverResult r) {
    List<String> lines = new ArrayList<>();
    r.strikes().forEach(o -> lines.add(String.format("  strike %-22s %s; primary %s -> %s; %s after %.1f s", o.fault(), o.what(),
        o.primaryBefore(), o.primaryAfter(), o.healed() ? "healthy" : "NOT healed (" + o.notHealed().get() + ")", o.took().toMillis() / 1000.0)));
    lines.add(String.format("  acknowledged INCRs   %,d on %,d keys", r.acknowledged(), r.keys()));
    lines.add(String.format("  lost increments      %,d on %,d keys%s", r.lostIncrements(), r.keysLost(),
        r.exact() ? "" : r.unaccountedIncrements() > 0 ? "  (not exact: see unaccounted increments)"
            : "  (not exact: the hunt outlasted the TTL, a key may have expired on its own)"));
    if (r.unaccountedIncrements() > 0) {
      lines.add(String.format("  unaccounted INCRs    %,d: the final counters hold increments this hunt never sent (a key that came back from an"
          + " older data set, or replays the client did not report); they can hide lost ones", r.unaccountedIncrements()));
    }
    lines.add(String.format("  TTL-less keys        %,d", r.ttlLessKeys()));
    r.worstKeys().stream().limit(3).forEach(k -> lines.add("    e.g. " + k));
    return lines;
  }
}
