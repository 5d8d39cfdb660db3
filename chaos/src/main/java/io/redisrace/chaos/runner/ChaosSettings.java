package io.redisrace.chaos.runner;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.server.Backend;
import io.redisrace.source.Sources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of a chaos run. Two presets, every key overridable from the CLI:
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>key</th><th>quick</th><th>full</th><th>meaning</th></tr>
 *   <tr><td>trialsPerCell</td><td>1</td><td>20</td><td>trials per variant x fault cell (client modes rotate inside a cell)</td></tr>
 *   <tr><td>rows</td><td>60</td><td>100</td><td>source rows of the classic cells (ids 1..rows)</td></tr>
 *   <tr><td>chunkSize</td><td>20</td><td>20</td><td>rows per chunk of the classic cells</td></tr>
 *   <tr><td>loaders</td><td colspan="2">classic: 1 for plain, 2 (A and a competitor B) for the others</td><td>loader processes per classic trial</td></tr>
 *   <tr><td>skewMs</td><td>0</td><td>0</td><td>start skew of the competitors</td></tr>
 *   <tr><td>concurrency.loaders</td><td>2, 4</td><td>1, 2, 4, 8</td><td>loaders of the fault-free concurrency cells</td></tr>
 *   <tr><td>concurrency.chunkSizes</td><td>10</td><td>10, 50</td><td>chunk sizes of the concurrency cells</td></tr>
 *   <tr><td>concurrency.rows</td><td>2000</td><td>2000</td><td>source rows of the concurrency cells</td></tr>
 *   <tr><td>concurrency.trials</td><td>1</td><td>5</td><td>trials per concurrency cell</td></tr>
 *   <tr><td>clientTimeout</td><td>1500 ms</td><td>1500 ms</td><td>Redis command timeout of every loader</td></tr>
 *   <tr><td>parallel</td><td>2</td><td>3</td><td>trials run side by side</td></tr>
 *   <tr><td>seed</td><td>20260523</td><td>20260523</td><td>seed of the schedule</td></tr>
 *   <tr><td>timeLimit</td><td>10 min</td><td>40 min</td><td>no new trial starts past it</td></tr>
 *   <tr><td>source</td><td colspan="2">sqlite</td><td>where the rows come from: sqlite, mariadb, postgres (servers the run starts) or a JDBC URL</td></tr>
 *   <tr><td>backend</td><td colspan="2">-Dharness.backend, $REDIS_RACE_BACKEND, else embedded</td><td>where Redis and Toxiproxy run</td></tr>
 * </table>
 *
 * @param loaders null for the classic shape (1 loader for plain, 2 otherwise), else the loader
 *                processes of every classic-matrix trial and of every hunt trial
 */
public record ChaosSettings(
    String mode,
    long seed,
    List<LoaderVariant> variants,
    List<Fault> faults,
    List<ClientMode> clients,
    int trialsPerCell,
    int rows,
    int chunkSize,
    Integer loaders,
    int skewMs,
    Concurrency concurrency,
    Duration clientTimeout,
    int parallel,
    String server,
    Path outDir,
    Duration timeLimit,
    String source,
    String table,
    Backend backend) {

  public static final long DEFAULT_SEED = 20260523L;

  /**
   * The fault-free concurrency cells: every variant x {@code loaders} x {@code chunkSizes}, on a
   * table of {@code rows} rows, {@code trials} trials each. Many chunks and loaders that start
   * together are what makes the check-then-commit windows of bitmap and client-name-lock show
   * without any fault. An empty {@code loaders} list drops them.
   */
  public record Concurrency(List<Integer> loaders, List<Integer> chunkSizes, int rows, int trials) {
    public static final Concurrency OFF = new Concurrency(List.of(), List.of(10), 2000, 1);

    public Concurrency {
      loaders = List.copyOf(loaders);
      chunkSizes = List.copyOf(chunkSizes);
      if (chunkSizes.isEmpty()) {
        throw new HarnessException("--concurrency-chunk-sizes needs at least one chunk size.");
      }
      if (trials < 1) {
        throw new HarnessException("--concurrency-trials must be at least 1, not " + trials + ".");
      }
      for (int n : loaders) {
        if (n < 1 || n > Shape.MAX_LOADERS) {
          throw new HarnessException("--concurrency takes loader counts between 1 and " + Shape.MAX_LOADERS + ", not " + n + ".");
        }
      }
      for (int c : chunkSizes) {
        if (c < 1) {
          throw new HarnessException("--concurrency-chunk-sizes must be at least 1, not " + c + ".");
        }
      }
      if (rows < 1) {
        throw new HarnessException("--concurrency-rows must be at least 1, not " + rows + ".");
      }
    }

    /** The shape of the first concurrency cell with {@code n} loaders: what --loaders N uses without --rows. */
    Shape shape(int n, int chunkSize, int skewMs) {
      return new Shape(n, rows, chunkSize, skewMs);
    }
  }

  public ChaosSettings {
    if (trialsPerCell < 1) {
      throw new HarnessException("--trials must be at least 1, not " + trialsPerCell + ".");
    }
    if (parallel < 1 || parallel > 8) {
      throw new HarnessException("--parallel must be between 1 and 8, not " + parallel + ".");
    }
    if (variants.isEmpty() || faults.isEmpty() || clients.isEmpty()) {
      throw new HarnessException("Give at least one variant, one fault and one client.");
    }
    new Shape(loaders == null ? 1 : loaders, rows, chunkSize, skewMs); // validates each value with its flag's name
    source = Sources.normalize(source);
  }

  public static ChaosSettings preset(String mode) {
    return switch (mode) {
      case "quick" -> new ChaosSettings("quick", DEFAULT_SEED, LoaderVariants.all(), Faults.all(),
          List.of(ClientMode.values()), 1, 60, 20, null, 0, new Concurrency(List.of(2, 4), List.of(10), 2000, 1),
          Duration.ofMillis(1500), 2, "7.0", Path.of("results", "runs"), Duration.ofMinutes(10), "sqlite", "rows", Backend.configured());
      case "full" -> new ChaosSettings("full", DEFAULT_SEED, LoaderVariants.all(), Faults.all(),
          List.of(ClientMode.values()), 20, 100, 20, null, 0, new Concurrency(List.of(1, 2, 4, 8), List.of(10, 50), 2000, 5),
          Duration.ofMillis(1500), 3, "7.0", Path.of("results", "runs"), Duration.ofMinutes(40), "sqlite", "rows", Backend.configured());
      default -> throw new HarnessException("Unknown mode '" + mode + "'; use quick or full.");
    };
  }

  /**
   * The classic loader count of a variant: one that marks no chunk (plain) runs alone, since a
   * competitor would only load the table again; the others with one competitor.
   */
  public static int classicLoaders(LoaderVariant v) {
    return v.marksChunks() ? 2 : 1;
  }

  /** The shape of a classic-matrix (or hunt) trial of {@code v}. */
  public Shape shape(LoaderVariant v) {
    return new Shape(loaders == null ? classicLoaders(v) : loaders, rows, chunkSize, skewMs);
  }

  /** Every cell of the matrix: the classic variant x fault cells, then the concurrency cells (fault none). */
  public List<Schedule.CellSpec> cells() {
    List<Schedule.CellSpec> cells = new ArrayList<>();
    for (LoaderVariant v : variants) {
      for (Fault f : faults) {
        cells.add(new Schedule.CellSpec(v, f, shape(v), trialsPerCell));
      }
    }
    if (faults.stream().anyMatch(Fault::isNone)) {
      for (int chunk : concurrency.chunkSizes()) {
        for (int n : concurrency.loaders()) {
          for (LoaderVariant v : variants) {
            cells.add(new Schedule.CellSpec(v, Faults.none(), concurrency.shape(n, chunk, skewMs), concurrency.trials()));
          }
        }
      }
    }
    return cells;
  }

  public int trials() {
    return cells().stream().mapToInt(Schedule.CellSpec::trials).sum();
  }

  public ChaosSettings withOutDir(Path dir) {
    return new ChaosSettings(mode, seed, variants, faults, clients, trialsPerCell, rows, chunkSize, loaders, skewMs, concurrency,
        clientTimeout, parallel, server, dir, timeLimit, source, table, backend);
  }

  public ChaosSettings withConcurrency(Concurrency c) {
    return new ChaosSettings(mode, seed, variants, faults, clients, trialsPerCell, rows, chunkSize, loaders, skewMs, c,
        clientTimeout, parallel, server, outDir, timeLimit, source, table, backend);
  }
}
