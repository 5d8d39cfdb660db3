package io.redisrace.loader;

import java.util.List;

/**
 * What the variants that mark finished chunks share (bitmap, client-name-lock, fenced, lease-lock):
 * {@code GETBIT done i} as the claim ({@link ChunkSteps#bitClear()}, skip when 1), then the commit
 * {@code MULTI; LPUSH...; SETBIT done i 1; EXEC}. A variant overrides the parts it does otherwise
 * (a lock around the claim, a script as the commit).
 */
abstract class MarkingVariant implements LoaderVariant {
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
