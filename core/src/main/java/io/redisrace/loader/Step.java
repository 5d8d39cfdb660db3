package io.redisrace.loader;

import io.redisrace.HasId;
import java.util.Optional;

/**
 * The named points of a loader's work that it reports as events and where a harness can hold it
 * (see {@link StepHold}). In the order a chunk of {@code client-name-lock} passes them (a variant
 * reports the steps before its commit in its own order, {@link LoaderVariant#stepsBeforeCommit()}:
 * {@code lease-lock} takes its lock before it checks the bit):
 *
 * <ul>
 *   <li>{@code chunk-started}: nothing done for the chunk yet.</li>
 *   <li>{@code bit-checked}: {@code GETBIT} answered 0 (marking variants only).</li>
 *   <li>{@code lock-taken}: the chunk's lock is held (the connection bears the chunk's name in
 *       {@code client-name-lock}; the lease key is set in {@code lease-lock}).</li>
 *   <li>{@code rows-read}: the chunk's rows are in memory; nothing written yet.</li>
 *   <li>{@code commit-sending}: the commit is about to be written. A loader held here has sent
 *       nothing; released, it sends the whole commit.</li>
 *   <li>{@code commit-retry}: a Jedis-retry loader got a connection error on the commit (outcome
 *       unknown) and is about to run it again on a new connection.</li>
 *   <li>{@code commit-acked}: the commit's reply arrived ({@code applied} tells whether the fenced
 *       script wrote).</li>
 *   <li>{@code commit-failed}: the commit ended in an error; the loader exits with code 3.</li>
 *   <li>{@code chunk-skipped}: the chunk was already marked, or its "lock" is held elsewhere.</li>
 *   <li>{@code done}: the loader has nothing more to do and exits 0.</li>
 * </ul>
 */
public enum Step implements HasId {
  HELLO("hello"),
  CHUNK_STARTED("chunk-started"),
  BIT_CHECKED("bit-checked"),
  LOCK_TAKEN("lock-taken"),
  ROWS_READ("rows-read"),
  COMMIT_SENDING("commit-sending"),
  COMMIT_RETRY("commit-retry"),
  COMMIT_ACKED("commit-acked"),
  COMMIT_FAILED("commit-failed"),
  CHUNK_SKIPPED("chunk-skipped"),
  DONE("done");

  private final String id;

  Step(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<Step> byId(String id) {
    return HasId.byId(Step.class, id);
  }

  @Override
  public String toString() {
    return id;
  }
}
