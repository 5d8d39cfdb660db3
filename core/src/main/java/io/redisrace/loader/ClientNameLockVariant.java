package io.redisrace.loader;

import java.util.List;
import java.util.Map;

/**
 * {@code client-name-lock}: the design people copy. {@code GETBIT}; then the "lock"
 * {@code MULTI; CLIENT LIST; CLIENT SETNAME <prefix>.chunk_i; EXEC}, skipping the chunk when another
 * connection already bears that name; then {@code MULTI; LPUSH...; SETBIT; EXEC} and
 * {@code CLIENT SETNAME ""}. The bit is read before the lock is taken and the "lock" is a
 * connection name, which a reset or a reconnect silently drops.
 */
public final class ClientNameLockVariant extends MarkingVariant {
  @Override
  public String id() {
    return "client-name-lock";
  }

  @Override
  public String summary() {
    return "GETBIT; MULTI; CLIENT LIST; CLIENT SETNAME <prefix>.chunk_i; EXEC; MULTI; LPUSH...; SETBIT; EXEC; CLIENT SETNAME \"\"";
  }

  @Override
  public List<Step> stepsBeforeCommit() {
    return List.of(Step.BIT_CHECKED, Step.LOCK_TAKEN, Step.ROWS_READ);
  }

  @Override
  public int passes(LoaderSettings settings) {
    return Loader.MAX_PASSES;
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    if (!chunk.bitClear()) {
      return Claim.MARKED;
    }
    String name = chunk.keys().lockName(chunk.chunk());
    if (!chunk.redis(s -> s.tryNameLock(name))) {
      return Claim.LOCKED;
    }
    chunk.at(Step.LOCK_TAKEN, Map.of("name", name));
    return Claim.GO;
  }

  @Override
  public void release(ChunkSteps chunk) {
    chunk.redis(s -> {
      s.releaseNameLock();
      return null;
    });
  }
}
