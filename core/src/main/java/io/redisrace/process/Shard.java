package io.redisrace.process;

import io.redisrace.HarnessException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --shard k/n}: the k-th of n deterministic, disjoint parts of a run's cells, for runs that
 * one machine cannot hold (the atlas's versions, the chaos matrix's trials, the benchmark cells).
 * Item {@code i} of the run's ordered list belongs to shard {@code i mod n + 1}, so every shard gets
 * a share of each kind of cell and the n shards together hold every item exactly once. A shard
 * records itself as {@code "shard": "k/n"} in its run directory's JSON; {@code redis-race-report
 * merge} joins the n run directories back into one.
 */
public record Shard(int k, int n) {
  /** The whole run: one shard of one. */
  public static final Shard ALL = new Shard(1, 1);
  /** The JSON field a sharded run writes. */
  public static final String FIELD = "shard";

  private static final Pattern FORM = Pattern.compile("(\\d{1,6})/(\\d{1,6})");

  public Shard {
    if (n < 1 || k < 1 || k > n) {
      throw new HarnessException("--shard " + k + "/" + n + " names no shard; give k/n with 1 <= k <= n, such as 1/3.");
    }
  }

  /** {@code "2/3"}; anything else is one sentence. */
  public static Shard parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw new HarnessException("--shard takes k/n with 1 <= k <= n, such as 1/3, not '" + text + "'.");
    }
    return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Whether this is the whole run. */
  public boolean all() {
    return n == 1;
  }

  /** Whether item {@code index} (0-based) of the run's ordered list is in this shard. */
  public boolean holds(int index) {
    return index % n == k - 1;
  }

  /** This shard's items of {@code ordered}, in their order. */
  public <T> List<T> of(List<T> ordered) {
    List<T> mine = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      if (holds(i)) {
        mine.add(ordered.get(i));
      }
    }
    return mine;
  }

  /** A run directory name's suffix: {@code -shard-2-of-3}, empty for the whole run. */
  public String suffix() {
    return all() ? "" : "-shard-" + k + "-of-" + n;
  }

  @Override
  public String toString() {
    return k + "/" + n;
  }
}
