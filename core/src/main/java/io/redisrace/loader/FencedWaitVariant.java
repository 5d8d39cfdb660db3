package io.redisrace.loader;

import java.util.List;
import java.util.Set;

/**
 * {@code fenced-wait}: {@code fenced}'s commit (one script: push and set the bit only if the bit is
 * still 0), then {@code WAIT replicas wait-ms}. Too few acknowledgements make the outcome unknown
 * (the write may live on the primary alone, which a failover forgets): the commit is sent again, up
 * to {@code attempts} times in all (harmless: the script pushes nothing once the bit is set), and
 * then fails, so that the run ends "outcome unknown" and the operator's re-run loads the chunk if
 * the write was lost. On one server (no replicas) it sends no WAIT: it is {@code fenced}.
 *
 * <p>Options: {@code replicas} (default: the replicas connected to the primary when the run
 * starts, so 0 on one server and 2 on the Sentinel topology), {@code wait-ms} (default 500),
 * {@code attempts} (default 3). The defaults are taken once per loader process.
 */
public final class FencedWaitVariant extends MarkingVariant {
  static final String REPLICAS = "replicas";
  static final String WAIT_MS = "wait-ms";
  static final String ATTEMPTS = "attempts";

  private final FencedVariant fenced = new FencedVariant();
  private volatile int replicas = -1;
  private volatile long waitMs = 500;
  private volatile int attempts = 3;

  @Override
  public String id() {
    return "fenced-wait";
  }

  @Override
  public String summary() {
    return "fenced's script, then WAIT <replicas> <ms>; too few acks: unknown, the idempotent commit again";
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(REPLICAS, WAIT_MS, ATTEMPTS);
  }

  @Override
  public long commitRepliesBeforeAck() {
    return 0;
  }

  @Override
  public void prepare(ChunkStore store) {
    fenced.prepare(store);
    if (replicas < 0) {
      replicas = store.connectedReplicas();
    }
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    var o = chunk.settings().variantOptions();
    if (o.containsKey(REPLICAS)) {
      replicas = Integer.parseInt(o.get(REPLICAS));
    }
    waitMs = Long.parseLong(o.getOrDefault(WAIT_MS, Long.toString(waitMs)));
    attempts = Math.max(1, Integer.parseInt(o.getOrDefault(ATTEMPTS, Integer.toString(attempts))));
    return super.claim(chunk);
  }

  @Override
  public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
    boolean applied = false;
    long acks = 0;
    for (int attempt = 1; attempt <= attempts; attempt++) {
      applied |= fenced.commit(store, keys, chunk, rows);
      if (replicas == 0) {
        return applied; // no replica to wait for (one server): no WAIT sent, which Redis before 3.0 lacks
      }
      acks = store.waitReplicas(replicas, waitMs);
      if (acks >= replicas) {
        return applied;
      }
    }
    throw new IllegalStateException("WAIT " + replicas + " " + waitMs + ": " + acks + " replica(s) acknowledged chunk " + chunk
        + " after " + attempts + " attempts; outcome unknown");
  }
}
