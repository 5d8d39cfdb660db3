package io.redisrace.chaos.workload;

import io.redisrace.loader.SourceTable;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The source tables of a run, one per table size: trials of different shapes (60 rows in chunks of
 * 20, 2,000 rows in chunks of 10) read tables of their own size. A generated SQLite file is made
 * once per size and shared by every trial of that size; a given JDBC source has one size, whatever
 * the trial asks for. Thread-safe.
 */
public final class Workloads {
  private final Path dir;
  private final String jdbcUrl;
  private final String table;
  private final int jdbcRows;
  private final Map<Integer, Workload> sqlite = new HashMap<>();

  private Workloads(Path dir, String jdbcUrl, String table, int jdbcRows) {
    this.dir = dir;
    this.jdbcUrl = jdbcUrl;
    this.table = table;
    this.jdbcRows = jdbcRows;
  }

  /** Generated SQLite tables under {@code dir}. */
  public static Workloads sqlite(Path dir) {
    return new Workloads(dir, null, null, 0);
  }

  /** An existing JDBC table {@code (id, payload)} with ids 1..N. */
  public static Workloads jdbc(String url, String table) {
    try (SourceTable t = SourceTable.open(url, table)) {
      return new Workloads(null, url, table, (int) t.rows());
    }
  }

  /** The rows a trial that asks for {@code rows} gets (a JDBC source has the rows it has). */
  public int rows(int rows) {
    return jdbcUrl == null ? rows : jdbcRows;
  }

  /** The workload of {@code rows} rows read in chunks of {@code chunkSize}. */
  public synchronized Workload get(int rows, int chunkSize) {
    if (jdbcUrl != null) {
      return new Workload(jdbcUrl, table, jdbcRows, chunkSize);
    }
    Workload w = sqlite.computeIfAbsent(rows, r -> Workload.sqlite(dir, r, chunkSize));
    return new Workload(w.jdbcUrl(), w.table(), w.rows(), chunkSize);
  }
}
