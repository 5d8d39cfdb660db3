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
 * Settings of a chaos run. The presets ({@code --mode quick|full}) are data: {@link ChaosPresets}
 * reads them from {@code presets.properties}, whose comments say what each key means; every key is
 * overridable from the CLI. The source is sqlite unless --source names mariadb, postgres (servers the
 * run starts) or a JDBC URL; the backend comes from -Dharness.backend, $REDIS_RACE_BACKEND, else
 * embedded.
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
    Backend backend,
    TopologySettings topology) {

  /** Settings of a run on one redis-server. */
  public ChaosSettings(String mode, long seed, List<LoaderVariant> variants, List<Fault> faults, List<ClientMode> clients, int trialsPerCell,
      int rows, int chunkSize, Integer loaders, int skewMs, Concurrency concurrency, Duration clientTimeout, int parallel, String server,
      Path outDir, Duration timeLimit, String source, String table, Backend backend) {
    this(mode, seed, variants, faults, clients, trialsPerCell, rows, chunkSize, loaders, skewMs, concurrency, clientTimeout, parallel,
        server, outDir, timeLimit, source, table, backend, TopologySettings.SINGLE);
  }

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
    topology = topology == null ? TopologySettings.SINGLE : topology;
    topology.check(server, faults);
  }

  /** The preset {@code mode} of {@code presets.properties}. */
  public static ChaosSettings preset(String mode) {
    return ChaosPresets.builtIn().settings(mode);
  }

  /** A preset's settings: every variant, fault and client, the classic shape, the generated SQLite table. */
  static ChaosSettings defaults(String mode, long seed, int trialsPerCell, int rows, int chunkSize, int skewMs, Concurrency concurrency,
                                int clientTimeoutMs, int parallel, String server, int timeLimitMinutes) {
    return new ChaosSettings(mode, seed, LoaderVariants.all(), Faults.all(), List.of(ClientMode.values()), trialsPerCell, rows, chunkSize,
        null, skewMs, concurrency, Duration.ofMillis(clientTimeoutMs), parallel, server, Path.of("results", "runs"),
        Duration.ofMinutes(timeLimitMinutes), "sqlite", "rows", Backend.configured());
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
        clientTimeout, parallel, server, dir, timeLimit, source, table, backend, topology);
  }

  public ChaosSettings withConcurrency(Concurrency c) {
    return new ChaosSettings(mode, seed, variants, faults, clients, trialsPerCell, rows, chunkSize, loaders, skewMs, c,
        clientTimeout, parallel, server, outDir, timeLimit, source, table, backend, topology);
  }

  public ChaosSettings withTopology(TopologySettings t) {
    return new ChaosSettings(mode, seed, variants, faults, clients, trialsPerCell, rows, chunkSize, loaders, skewMs, concurrency,
        clientTimeout, parallel, server, outDir, timeLimit, source, table, backend, t);
  }
}
