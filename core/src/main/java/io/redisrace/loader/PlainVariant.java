package io.redisrace.loader;

import java.util.List;

/** {@code plain}: {@code MULTI; LPUSH list rows...; EXEC}. No marks: a re-run loads everything again. */
public final class PlainVariant implements LoaderVariant {
  @Override
  public String id() {
    return "plain";
  }

  @Override
  public String summary() {
    return "MULTI; LPUSH list rows...; EXEC";
  }

  @Override
  public boolean marksChunks() {
    return false;
  }

  @Override
  public List<Step> stepsBeforeCommit() {
    return List.of(Step.ROWS_READ);
  }

  @Override
  public long commitRepliesBeforeAck() {
    return ChunkStore.MULTI_REPLY_BYTES + ChunkStore.QUEUED_REPLY_BYTES;
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    return Claim.GO;
  }

  @Override
  public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
    store.multiPush(chunk, rows, false);
    return true;
  }
}
