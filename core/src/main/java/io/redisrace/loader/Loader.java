package io.redisrace.loader;

import io.redisrace.HarnessException;

import io.redisrace.client.ClientMode;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The chunked table-to-list loader: for each chunk, in order from the start chunk (wrapping
 * around), the variant's steps (see {@link LoaderVariant}), reporting each {@link Step} to the
 * {@link StepHold}. Runs in-process (benchmarks) or as {@code LoaderMain} (chaos tests).
 */
public final class Loader {
  /** How many passes a client-name-lock loader makes over chunks "locked" elsewhere before it gives up. */
  public static final int MAX_PASSES = 50;
  /** The pause between two passes over chunks locked elsewhere. */
  public static final long PASS_PAUSE_MS = 20;

  /** What one run did. */
  public record Result(int committed, int skipped, int leftLocked, long rows) {}

  /** The commit (or another Redis step) failed; its outcome is unknown. */
  public static final class CommitFailed extends RuntimeException {
    public final int chunk;

    CommitFailed(int chunk, RuntimeException cause) {
      super("chunk " + chunk + ": " + cause, cause);
      this.chunk = chunk;
    }
  }

  private final LoaderSettings settings;
  private final SourceTable source;
  private final StepHold hold;

  public Loader(LoaderSettings settings, SourceTable source, StepHold hold) {
    this.settings = settings;
    this.source = source;
    this.hold = hold;
  }

  /** Runs to the end; throws {@link CommitFailed} when a Redis step fails. */
  public Result run() {
    try (ChunkStore store = openStore()) {
      return run(store);
    }
  }

  /**
   * Redis did not accept a connection before this run sent anything (refused, unknown host, no
   * route): nothing happened, so it is an environment problem to fix, not an unknown outcome.
   */
  public static final class Unreachable extends HarnessException {
    Unreachable(String host, int port, String why, Throwable cause) {
      super("cannot connect to Redis at " + host + ":" + port + " (" + why + "); start a redis-server there"
          + " (java -jar core/target/redis-race.jar server --server 7.0 --port " + port + " --for 10m) or pass --redis HOST:PORT.", cause);
    }
  }

  /** {@code e} as {@link Unreachable} when a connect failure caused it, else {@code e}. */
  private RuntimeException unreachableOr(RuntimeException e) {
    String why = connectFailure(e, 0);
    return why == null ? e : new Unreachable(settings.host(), settings.port(), why, e);
  }

  /** Why a connect failed, looking through causes and suppressed exceptions (Jedis keeps one per address there). */
  private static String connectFailure(Throwable t, int depth) {
    if (t == null || depth > 8) {
      return null;
    }
    if (t instanceof java.net.UnknownHostException) {
      return "unknown host";
    }
    if (t instanceof java.net.NoRouteToHostException) {
      return "no route to host";
    }
    if (t instanceof java.net.ConnectException) {
      return String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("refused") ? "connection refused" : "connection failed";
    }
    for (Throwable s : t.getSuppressed()) {
      String why = connectFailure(s, depth + 1);
      if (why != null) {
        return why;
      }
    }
    return t.getCause() == t ? null : connectFailure(t.getCause(), depth + 1);
  }

  /** An open Redis connection of this loader's client, to reuse across runs (benchmarks). */
  public static final class Connection implements AutoCloseable {
    private final ChunkStore store;

    private Connection(ChunkStore store) {
      this.store = store;
    }

    @Override
    public void close() {
      store.close();
    }
  }

  /** Opens the connection {@link #run(Connection)} uses. */
  public Connection connect() {
    return new Connection(openStore());
  }

  /** Runs to the end on an open connection. */
  public Result run(Connection connection) {
    return run(connection.store);
  }

  private ChunkStore openStore() {
    ClientMode mode = settings.mode();
    try {
      if (settings.cluster() != null) {
        return mode.family() == ClientMode.Family.JEDIS
            ? JedisChunkStore.cluster(settings.cluster(), mode, settings.timeout(), settings.keys())
            : LettuceChunkStore.cluster(mode, settings.cluster(), settings.refresh(), settings.timeout(), settings.keys());
      }
      return switch (mode.family()) {
        case JEDIS -> settings.sentinel() == null
            ? new JedisChunkStore(settings.host(), settings.port(), settings.timeout(), settings.keys())
            : JedisChunkStore.sentinel(settings.sentinel(), settings.timeout(), settings.keys());
        case LETTUCE -> new LettuceChunkStore(mode, settings.host(), settings.port(), settings.sentinel(), settings.timeout(), settings.keys());
      };
    } catch (RuntimeException e) {
      throw unreachableOr(e); // Lettuce connects here
    }
  }

  private Result run(ChunkStore store) {
    String runId = UUID.randomUUID().toString();
    LoaderVariant variant = settings.variant();
    int chunks = source.chunks(settings.chunkSize());
    try {
      redis(store, -1, null, s -> {
        variant.prepare(s);
        return null;
      });
    } catch (CommitFailed e) {
      throw unreachableOr(e); // Jedis connects on its first command
    }
    int start = settings.startChunk() % chunks;
    int committed = 0;
    int skipped = 0;
    long rows = 0;
    int leftLocked = 0;
    for (int pass = 0; pass < variant.passes(settings); pass++) {
      leftLocked = 0;
      for (int n = 0; n < chunks; n++) {
        int chunk = (start + n) % chunks;
        Steps steps = new Steps(this, store, chunk, runId);
        hold.at(Step.CHUNK_STARTED, chunk, Map.of());
        LoaderVariant.Claim claim = variant.claim(steps);
        if (claim != LoaderVariant.Claim.GO) {
          if (claim == LoaderVariant.Claim.MARKED) {
            skipped++;
          } else {
            leftLocked++;
          }
          hold.at(Step.CHUNK_SKIPPED, chunk, Map.of("reason", claim == LoaderVariant.Claim.MARKED ? "marked" : "locked"));
          continue;
        }
        List<String> elements = read(chunk);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("rows", elements.size());
        detail.put("first", SourceTable.idOf(elements.get(0)));
        detail.put("last", SourceTable.idOf(elements.get(elements.size() - 1)));
        hold.at(Step.ROWS_READ, chunk, detail);
        hold.at(Step.COMMIT_SENDING, chunk, Map.of());
        boolean applied = redis(store, chunk, Step.COMMIT_RETRY, s -> variant.commit(s, settings.keys(), chunk, elements));
        hold.at(Step.COMMIT_ACKED, chunk, Map.of("applied", applied));
        if (applied) {
          committed++;
          rows += elements.size();
        }
        variant.release(steps);
      }
      if (leftLocked == 0) {
        break;
      }
      sleep(PASS_PAUSE_MS);
    }
    hold.at(Step.DONE, -1, Map.of("committed", committed, "skipped", skipped, "leftLocked", leftLocked));
    return new Result(committed, skipped, leftLocked, rows);
  }

  /** One chunk as the variant's claim and release see it. */
  private record Steps(Loader loader, ChunkStore store, int chunk, String runId) implements LoaderVariant.ChunkSteps {
    @Override
    public LoaderKeys keys() {
      return loader.settings.keys();
    }

    @Override
    public LoaderSettings settings() {
      return loader.settings;
    }

    @Override
    public <T> T redis(Function<ChunkStore, T> op) {
      return loader.redis(store, chunk, null, op);
    }

    @Override
    public void at(Step step, Map<String, Object> detail) {
      loader.hold.at(step, chunk, detail);
    }
  }

  /** How many cluster redirects (nothing ran) one step follows before it fails. */
  static final int REDIRECT_LIMIT = 20;

  /**
   * Runs one Redis step. jedis-retry runs it again on a new connection after a connection error,
   * up to maxAttempts in all, as UnifiedJedis does (reporting {@code retryStep} first when given).
   * On a cluster a redirect (nothing ran) sends it again to the slot's owner, up to
   * {@link #REDIRECT_LIMIT} times, without counting as an attempt.
   */
  private <T> T redis(ChunkStore store, int chunk, Step retryStep, Function<ChunkStore, T> op) {
    int max = settings.mode().maxAttempts();
    int redirects = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return op.apply(store);
      } catch (RuntimeException e) {
        if (redirects < REDIRECT_LIMIT && store.reroute(e)) {
          redirects++;
          attempt--;
          continue;
        }
        boolean retryable = store instanceof JedisChunkStore && JedisChunkStore.isConnectionError(e) && attempt < max;
        if (!retryable) {
          if (retryStep != null) {
            hold.at(Step.COMMIT_FAILED, chunk, Map.of("error", String.valueOf(e)));
          }
          throw new CommitFailed(chunk, e);
        }
        if (retryStep != null) {
          hold.at(retryStep, chunk, Map.of("attempt", attempt + 1, "error", String.valueOf(e)));
        }
        ((JedisChunkStore) store).reconnect();
      }
    }
  }

  private List<String> read(int chunk) {
    try {
      List<String> elements = source.read(chunk, settings.chunkSize());
      if (settings.readDelayMs() > 0) {
        sleep(settings.readDelayMs());
      }
      return elements;
    } catch (SQLException e) {
      throw new IllegalStateException("reading chunk " + chunk + " failed: " + SourceTable.oneLine(e), e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
