package io.redisrace.junit5;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosRun;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.server.Backend;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a loader variant, a user's own {@link LoaderVariant} or a built-in, through chaos cells
 * (fault x client mode, real loader processes, real SIGKILL/SIGSTOP and Toxiproxy toxics) with the
 * chaos runner ({@link ChaosRun}). Each {@link Run#run()} starts its own Redis and Toxiproxy and
 * stops them, and every loader, before it returns.
 *
 * <p>The loaders are OS processes: they find the variant by id in
 * {@code META-INF/services/io.redisrace.loader.LoaderVariant} on this JVM's class path, so a user's
 * variant must be listed there (test resources will do) and its classes must be on
 * {@code java.class.path}, as they are under Maven Surefire. {@link Run#run()} checks both first
 * and says, in one sentence, what is missing.
 *
 * <pre>{@code
 * chaos.loader(new MyLoaderVariant()).faults("none", "sigkill-after-commit", "lost-reply").run().assertNoLossOrDuplication();
 * }</pre>
 */
public final class LoaderChaos {

  LoaderChaos() {}

  /** Chaos cells for {@code variant}, with defaults (every fault, every client mode, 1 trial per cell). */
  public Run loader(LoaderVariant variant) {
    return new Run(registered(variant));
  }

  /** The registered variant of this id ({@code fenced}, or a user variant's). */
  public Run loader(String id) {
    return new Run(LoaderVariants.parse(id));
  }

  /** The registry's instance of {@code variant}: the one the loader processes will run. */
  static LoaderVariant registered(LoaderVariant variant) {
    LoaderVariant known = LoaderVariants.byId(variant.id()).orElseThrow(() -> new HarnessException("Loader variant '" + variant.id()
        + "' (" + variant.getClass().getName() + ") is not listed in META-INF/services/" + LoaderVariant.class.getName()
        + " on the test class path; the loader processes find variants only there, by id."));
    if (known.getClass() != variant.getClass()) {
      throw new HarnessException("Loader variant id '" + variant.id() + "' is taken by " + known.getClass().getName() + ", not "
          + variant.getClass().getName() + "; rename one.");
    }
    String where = ClassPaths.location(known.getClass());
    if (!where.isEmpty() && !ClassPaths.onJavaClassPath(where)) {
      throw new HarnessException("The classes of loader variant '" + variant.id() + "' (" + where + ") are not on java.class.path,"
          + " which the loader processes run with; run the test with them on the JVM's class path.");
    }
    return known;
  }

  /** One set of chaos cells (fluent); {@link #run()} runs them. */
  public static final class Run {
    private final LoaderVariant variant;
    private List<Fault> faults = Faults.all();
    private List<ClientMode> clients = List.of(ClientMode.values());
    private int trials = 1;
    private Integer loaders;
    private int rows = 60;
    private int chunkSize = 20;
    private List<Integer> concurrency = List.of();
    private String server = "7.0";
    private long seed = ChaosSettings.preset("quick").seed();
    private int parallel = 2;
    private Duration timeLimit = Duration.ofMinutes(10);
    private Path outDir = Path.of("target", "redis-race-chaos");

    private Run(LoaderVariant variant) {
      this.variant = variant;
    }

    /** The faults, by id ({@code none}, {@code sigkill-after-commit}, {@code lost-reply}, ...; default: all). */
    public Run faults(String... ids) {
      faults = Arrays.stream(ids).map(Faults::parse).toList();
      return this;
    }

    /** The client modes, by id; a cell's trials rotate through them (default: all four). */
    public Run clients(String... ids) {
      clients = Arrays.stream(ids).map(ClientMode::parse).toList();
      return this;
    }

    /** Trials per fault (default 1). */
    public Run trials(int n) {
      trials = n;
      return this;
    }

    /** Loader processes per trial (default: 1 for a variant that marks no chunk, else 2). */
    public Run loaders(int n) {
      loaders = n;
      return this;
    }

    /** The source table: rows (ids 1..rows) in chunks of {@code chunkSize} (default 60 in chunks of 20). */
    public Run table(int rowCount, int rowsPerChunk) {
      rows = rowCount;
      chunkSize = rowsPerChunk;
      return this;
    }

    /** Also fault-free cells of this many loaders each, on 2000 rows in chunks of 10 (default: none). */
    public Run concurrency(Integer... loaderCounts) {
      concurrency = List.of(loaderCounts);
      return this;
    }

    /** The Redis server id (default 7.0). */
    public Run server(String id) {
      server = id;
      return this;
    }

    public Run seed(long s) {
      seed = s;
      return this;
    }

    /** Trials run side by side (default 2). */
    public Run parallel(int n) {
      parallel = n;
      return this;
    }

    /** No trial starts past it (default 10 min). */
    public Run timeLimit(Duration d) {
      timeLimit = d;
      return this;
    }

    /** Where chaos.json is written, under a timestamped directory (default target/redis-race-chaos). */
    public Run outDir(Path dir) {
      outDir = dir;
      return this;
    }

    ChaosSettings settings() {
      ChaosSettings quick = ChaosSettings.preset("quick");
      return new ChaosSettings("junit5", seed, List.of(variant), faults, clients, trials, rows, chunkSize, loaders, 0,
          concurrency.isEmpty() ? ChaosSettings.Concurrency.OFF : new ChaosSettings.Concurrency(concurrency, List.of(10), 2000, trials),
          quick.clientTimeout(), parallel, server, outDir, timeLimit, quick.source(), quick.table(), Backend.configured());
    }

    /** Runs every cell, one progress line per trial on stdout; the report asserts. */
    public ChaosReport run() {
      PrintWriter progress = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      try {
        return new ChaosReport(variant, new ChaosRun(settings(), progress).matrix());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new HarnessException("Interrupted during the chaos run of " + variant.id() + ".", e);
      }
    }
  }
}
