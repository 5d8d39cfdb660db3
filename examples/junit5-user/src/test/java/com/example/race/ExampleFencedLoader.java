package com.example.race;

import io.redisrace.loader.ChunkStore;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * This project's chunk loader: skip a chunk whose bit is set, else one script that pushes the rows
 * and sets the bit only if the bit is still 0, so that a retried, replayed or competing commit
 * cannot push a chunk twice. Listed in META-INF/services/io.redisrace.loader.LoaderVariant, where
 * the loader processes of the chaos runner find it.
 */
public final class ExampleFencedLoader implements LoaderVariant {
  static final String COMMIT = "if redis.call('GETBIT', KEYS[2], ARGV[1]) == 1 then return 0 end\n"
      + "redis.call('LPUSH', KEYS[1], unpack(ARGV, 2))\n"
      + "redis.call('SETBIT', KEYS[2], ARGV[1], 1)\n"
      + "return 1\n";

  @Override
  public String id() {
    return "example-fenced";
  }

  @Override
  public String summary() {
    return "GETBIT; one script: LPUSH rows and SETBIT only while the bit is 0";
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
    return 0; // a script has only its one reply
  }

  @Override
  public void prepare(ChunkStore store) {
    store.scriptLoad(COMMIT);
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    return chunk.bitClear() ? Claim.GO : Claim.MARKED;
  }

  @Override
  public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
    List<String> args = new ArrayList<>(rows.size() + 1);
    args.add(Integer.toString(chunk));
    args.addAll(rows);
    return store.eval(COMMIT, List.of(keys.list(), keys.done()), args) == 1;
  }
}
