package io.redisrace.loader;

import java.util.List;

/**
 * {@code bitmap}: {@code GETBIT done i} and skip when 1; else {@code MULTI; LPUSH...; SETBIT done i
 * 1; EXEC}. The check and the commit are two steps: two loaders, or one loader and its own retry,
 * can both pass the check.
 */
public final class BitmapVariant implements LoaderVariant {
  @Override
  public String id() {
    return "bitmap";
  }

  @Override
  public String summary() {
    return "GETBIT done i (skip if 1); MULTI; LPUSH...; SETBIT done i 1; EXEC";
  }

  @Override
  public boolean marksChunks() {
    return true;
  }

  @Override
  public List<Step> stepsBeforeCommit() {
    return List.of(Step.BIT_CHECKED, Step.ROWS_READ);
  }

  @Override
  public long commitRepliesBeforeAck() {
    return ChunkStore.MULTI_REPLY_BYTES + 2 * ChunkStore.QUEUED_REPLY_BYTES;
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    return chunk.bitClear() ? Claim.GO : Claim.MARKED;
  }

  @Override
  public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
    store.multiPush(chunk, rows, true);
    return true;
  }
}
