package io.redisrace.loader;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code fenced}: the commit is one script that pushes and sets the bit only if the bit is still 0
 * ({@link LoaderScripts#FENCED_COMMIT}, preloaded with {@code SCRIPT LOAD}; the {@code GETBIT}
 * before it is a shortcut only). Running it twice is harmless, so retries, replays, restarts and
 * concurrent loaders cannot duplicate; a chunk whose commit was lost is loaded by the next run:
 * exactly-once.
 */
public final class FencedVariant extends MarkingVariant {
  @Override
  public String id() {
    return "fenced";
  }

  @Override
  public String summary() {
    return "GETBIT (a shortcut); one script: if GETBIT done i is 0 then LPUSH... and SETBIT";
  }

  @Override
  public long commitRepliesBeforeAck() {
    return 0;
  }

  @Override
  public void prepare(ChunkStore store) {
    store.scriptLoad(LoaderScripts.FENCED_COMMIT);
  }

  @Override
  public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
    List<String> args = new ArrayList<>(rows.size() + 1);
    args.add(Integer.toString(chunk));
    args.addAll(rows);
    return store.eval(LoaderScripts.FENCED_COMMIT, List.of(keys.list(), keys.done()), args) == 1;
  }
}
