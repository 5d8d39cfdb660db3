package io.redisrace.loader;

import io.redisrace.HarnessException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code lease-lock}: the common "proper" lock. {@code SET <prefix>:lock:<i> <token> NX PX <lease>}
 * (skip the chunk for now when another loader holds it); {@code GETBIT done i} under the lock (skip
 * when 1); {@code MULTI; LPUSH...; SETBIT done i 1; EXEC}; then release the lock only if it still
 * holds this loader's token ({@link #RELEASE}, compare-and-delete). No fault of the network can
 * make two loaders commit one chunk; a pause can: a loader paused past its lease (a GC pause,
 * SIGSTOP, a server that sleeps) finds its lock gone and commits anyway, since the commit carries
 * no fencing token.
 *
 * <p>Option {@code lease-ms} (default 2000, or the system property {@code redisrace.lease-ms}).
 * The loader comes back for chunks locked elsewhere until a lease of a dead or paused loader has
 * surely run out.
 */
public final class LeaseLockVariant extends MarkingVariant {
  public static final String LEASE_OPTION = "lease-ms";
  public static final long DEFAULT_LEASE_MS = 2000;

  /** KEYS[1] lock, ARGV[1] token: deletes the lock only while it holds the token. */
  static final String RELEASE =
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end\nreturn 0\n";

  @Override
  public String id() {
    return "lease-lock";
  }

  @Override
  public String summary() {
    return "SET lock:i token NX PX lease; GETBIT; MULTI; LPUSH...; SETBIT; EXEC; delete the lock if it still holds the token";
  }

  @Override
  public List<Step> stepsBeforeCommit() {
    return List.of(Step.LOCK_TAKEN, Step.BIT_CHECKED, Step.ROWS_READ);
  }

  @Override
  public Set<String> optionNames() {
    return Set.of(LEASE_OPTION);
  }

  /** The lease of a run: its {@code lease-ms} option, else {@code -Dredisrace.lease-ms}, else 2000 ms. */
  public static long leaseMs(LoaderSettings settings) {
    String text = settings.variantOptions().getOrDefault(LEASE_OPTION,
        System.getProperty("redisrace.lease-ms", Long.toString(DEFAULT_LEASE_MS)));
    try {
      long ms = Long.parseLong(text.trim());
      if (ms > 0) {
        return ms;
      }
    } catch (NumberFormatException ignored) {
      // the sentence below
    }
    throw new HarnessException("The lease-lock option lease-ms must be a positive number of milliseconds, not '" + text + "'.");
  }

  @Override
  public int passes(LoaderSettings settings) {
    return (int) Math.max(Loader.MAX_PASSES, 3 * leaseMs(settings) / Loader.PASS_PAUSE_MS);
  }

  static String lockKey(ChunkSteps chunk) {
    return chunk.keys().prefix() + ":lock:" + chunk.chunk();
  }

  @Override
  public void prepare(ChunkStore store) {
    store.scriptLoad(RELEASE);
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    String key = lockKey(chunk);
    String lease = Long.toString(leaseMs(chunk.settings()));
    if (chunk.redis(s -> s.command("SET", key, chunk.runId(), "NX", "PX", lease)) == null) {
      return Claim.LOCKED;
    }
    chunk.at(Step.LOCK_TAKEN, Map.of("key", key, "leaseMs", Long.parseLong(lease)));
    if (!chunk.bitClear()) {
      release(chunk);
      return Claim.MARKED;
    }
    return Claim.GO;
  }

  @Override
  public void release(ChunkSteps chunk) {
    String key = lockKey(chunk);
    chunk.redis(s -> s.eval(RELEASE, List.of(key), List.of(chunk.runId())));
  }
}
