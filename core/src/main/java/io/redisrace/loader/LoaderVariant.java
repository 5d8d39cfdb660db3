package io.redisrace.loader;

import io.redisrace.HasId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How a loader claims and commits one chunk (docs/chaos.md, "The loader variants"). Every variant
 * reads chunk {@code i} (rows {@code i*size .. i*size+size-1} in id order) and pushes one list
 * element per row; what it does around that is the variant: {@link Loader} runs, for each chunk,
 * {@link #claim}, then reads the rows, then {@link #commit}, then {@link #release}.
 *
 * <p>The built-ins ({@code plain}, {@code bitmap}, {@code client-name-lock}, {@code fenced},
 * {@code lease-lock}) are one class each, and like a user's own variant they are listed in
 * {@code META-INF/services/io.redisrace.loader.LoaderVariant}; {@link LoaderVariants} finds them
 * all with {@link java.util.ServiceLoader}, and the loader, the benchmark and the chaos harness
 * (its schedule, faults and expectations) work with any of them by id.
 */
public interface LoaderVariant extends HasId {

  /** Short, unique, lower-case id used in flags, reports and chaos.json ("fenced"). */
  @Override
  String id();

  /** One line: what the variant does per chunk. */
  String summary();

  /** True when the variant marks finished chunks in the bitmap (all built-ins but {@code plain}). */
  boolean marksChunks();

  /**
   * The steps a chunk passes before its commit is sent, in the order the loader reports them
   * ({@link Step#ROWS_READ} last): where a pause of the loader can strike.
   */
  List<Step> stepsBeforeCommit();

  /**
   * RESP2 bytes of the commit's replies before the one that acknowledges it ({@code +OK\r\n} for
   * MULTI, {@code +QUEUED\r\n} per queued command; a script has only its one reply): a cut after
   * them plus one byte lets the commit run and loses its acknowledgement.
   */
  long commitRepliesBeforeAck();

  /** Option names this variant reads from {@link LoaderSettings#variantOptions()} (none by default). */
  default Set<String> optionNames() {
    return Set.of();
  }

  /** Passes over the table: more than one for a variant that skips chunks locked elsewhere and comes back for them. */
  default int passes(LoaderSettings settings) {
    return 1;
  }

  /** Runs once per connection before any chunk (loads scripts). */
  default void prepare(ChunkStore store) {}

  /**
   * What the variant does for a chunk before reading its rows: check the bit, take a lock, report
   * {@link Step#BIT_CHECKED} or {@link Step#LOCK_TAKEN}. Returns whether to go on.
   */
  Claim claim(ChunkSteps chunk);

  /** Commits the rows; true when they were written (a fenced commit answers false when the chunk was already loaded). */
  boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows);

  /** What the variant does after the commit was acknowledged (unlock). */
  default void release(ChunkSteps chunk) {}

  /** The outcome of {@link #claim}. */
  enum Claim {
    /** Read and commit the chunk. */
    GO,
    /** Skip it: it is already marked. */
    MARKED,
    /** Skip it for now: another loader holds its lock; a later pass comes back. */
    LOCKED
  }

  /** One chunk of one loader run, as a variant's claim and release see it. */
  interface ChunkSteps {
    int chunk();

    LoaderKeys keys();

    LoaderSettings settings();

    /** Unique to this loader run (process and connection): a token for the locks it takes. */
    String runId();

    /** Runs one Redis step on the loader's connection (jedis-retry reruns it on a new connection after a connection error). */
    <T> T redis(Function<ChunkStore, T> op);

    /** Reports {@code step} for this chunk; the harness may hold the loader there. */
    void at(Step step, Map<String, Object> detail);

    /**
     * {@code GETBIT done chunk}: true when it is 0, reported as {@link Step#BIT_CHECKED}; false
     * when the chunk is already marked.
     */
    default boolean bitClear() {
      boolean marked = redis(s -> s.isMarked(chunk()));
      if (!marked) {
        at(Step.BIT_CHECKED, Map.of());
      }
      return !marked;
    }
  }
}
