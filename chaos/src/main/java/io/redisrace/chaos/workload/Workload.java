package io.redisrace.chaos.workload;

import io.redisrace.HarnessException;
import io.redisrace.loader.SourceTable;
import java.nio.file.Path;

/**
 * The source side of a trial: a table {@code (id, payload)} of {@code rows} rows with ids 1..rows,
 * read in chunks of {@code chunkSize}. {@link #sqlite} generates the embedded default.
 */
public record Workload(String jdbcUrl, String table, int rows, int chunkSize) {

  public Workload {
    if (chunkSize < 1) {
      throw new HarnessException("--chunk-size must be at least 1, not " + chunkSize + ".");
    }
    if (rows < 1) {
      throw new HarnessException("--rows must be at least 1, not " + rows + ".");
    }
  }

  /** Generates {@code dir/rows-N.db} (atomically) and returns the workload over it. */
  public static Workload sqlite(Path dir, int rows, int chunkSize) {
    if (rows < 1) {
      throw new HarnessException("--rows must be at least 1, not " + rows + ".");
    }
    Path file = SourceTable.generateSqlite(dir.resolve("rows-" + rows + ".db"), "rows", rows);
    return new Workload(SourceTable.sqliteUrl(file), "rows", rows, chunkSize);
  }

  public int chunks() {
    return (rows + chunkSize - 1) / chunkSize;
  }

  /** The ids of chunk {@code c}. */
  public long firstId(int c) {
    return (long) c * chunkSize + 1;
  }

  public long lastId(int c) {
    return Math.min((long) (c + 1) * chunkSize, rows);
  }
}
