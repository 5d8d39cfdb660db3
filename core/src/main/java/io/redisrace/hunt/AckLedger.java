package io.redisrace.hunt;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;

/**
 * Every acknowledged INCR reply of a hunt under failover, per key, and what it comes to once the
 * topology healed ({@link #settle}): how many acknowledged increments the final counters lost.
 *
 * <p>The measure (docs/sentinel.md, "Counters under failover"): INCR's reply {@code v} says "your
 * increment is the v-th of this key". The key's final value {@code F} is one chain of increments,
 * one at each position 1..F, so of the acknowledged replies at most one per value in 1..F can be in
 * it. <b>Lost increments of a key = acknowledged replies − distinct acknowledged values in 1..F.</b>
 * A value acknowledged twice (the counter went backwards and handed it out again) or above F (it
 * ended below an acknowledged value) is a loss. Operations whose outcome is unknown (an error) are
 * not acknowledged and never count; one that was applied can only hide a loss, so the count is a
 * lower bound, exact when every operation was acknowledged. It assumes no key expired during the
 * hunt: {@link FailoverHunt} requires a TTL longer than the hunt and says when that did not hold.
 */
final class AckLedger {
  private final Map<String, Acks> keys = new ConcurrentHashMap<>();
  private final Set<String> ttlLessInBand = ConcurrentHashMap.newKeySet();
  private final LongAdder acknowledged = new LongAdder();

  /** The acknowledged replies of one key: how many, and which values. */
  static final class Acks {
    private final BitSet values = new BitSet();
    private long count;
    private long highest;

    synchronized void add(long value) {
      count++;
      highest = Math.max(highest, value);
      if (value > 0 && value <= Integer.MAX_VALUE - 1) {
        values.set((int) value);
      }
    }

    /** Acknowledged replies not accounted for by a final value {@code f}. */
    synchronized long lost(long f) {
      return count - kept(f);
    }

    /**
     * Positions 1..{@code f} of the final chain that no acknowledged reply holds: increments whose
     * reply never came (an error, a retry, a replay), or that this hunt never sent at all.
     */
    synchronized long unacknowledged(long f) {
      return Math.max(0, f - kept(f));
    }

    private long kept(long f) {
      return f <= 0 ? 0 : values.get(1, (int) Math.min(f, Integer.MAX_VALUE - 1) + 1).cardinality();
    }
  }

  /** One key's numbers after the heal. */
  record KeyLoss(String key, long acknowledged, long highest, long finalValue, long lost) {
    @Override
    public String toString() {
      return key + ": " + acknowledged + " acknowledged, highest " + highest + ", final " + finalValue + ", " + lost + " lost";
    }
  }

  /**
   * What the ledger comes to against the healed keyspace. {@code unacknowledged}: positions of the
   * final counters that no acknowledged reply holds, summed over the keys ({@link Acks#unacknowledged}).
   */
  record Settled(long acknowledged, long lost, int keys, int keysLost, int ttlLessKeys, long unacknowledged, List<KeyLoss> worst) {}

  /** The operation on {@code key} was acknowledged with INCR's reply {@code value}. */
  void acknowledged(String key, long value) {
    keys.computeIfAbsent(key, k -> new Acks()).add(value);
    acknowledged.increment();
  }

  /** An operation on {@code key} read PTTL -1. */
  void ttlLess(String key) {
    ttlLessInBand.add(key);
  }

  long acknowledged() {
    return acknowledged.sum();
  }

  /**
   * Reads the final value and PTTL of every key under {@code prefix} and every key acknowledged,
   * on the healed primary. TTL-less keys: distinct keys without a TTL now, or seen without one by
   * an operation (a heal variant may have given it one since).
   */
  Settled settle(Jedis primary, String prefix) {
    Set<String> all = new LinkedHashSet<>(keys.keySet());
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      var page = primary.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
      all.addAll(page.getResult());
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    List<String> names = List.copyOf(all);
    List<Response<String>> values = new ArrayList<>();
    List<Response<Long>> pttls = new ArrayList<>();
    try (Pipeline p = primary.pipelined()) {
      for (String k : names) {
        values.add(p.get(k));
        pttls.add(p.pttl(k));
      }
      p.sync();
    }
    long lost = 0;
    long unacknowledged = 0;
    int keysLost = 0;
    Set<String> ttlLess = new LinkedHashSet<>(ttlLessInBand);
    List<KeyLoss> losses = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String k = names.get(i);
      long f = values.get(i).get() == null ? 0 : Long.parseLong(values.get(i).get());
      if (pttls.get(i).get() == -1) {
        ttlLess.add(k);
      }
      Acks a = keys.get(k);
      long l = a == null ? 0 : a.lost(f);
      unacknowledged += a == null ? Math.max(0, f) : a.unacknowledged(f);
      if (l > 0) {
        lost += l;
        keysLost++;
        losses.add(new KeyLoss(k, a.count, a.highest, f, l));
      }
    }
    losses.sort((x, y) -> Long.compare(y.lost(), x.lost()));
    return new Settled(acknowledged(), lost, names.size(), keysLost, ttlLess.size(), unacknowledged, List.copyOf(losses.subList(0, Math.min(5, losses.size()))));
  }
}
