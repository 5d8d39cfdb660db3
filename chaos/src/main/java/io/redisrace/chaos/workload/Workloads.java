package io.redisrace.chaos.workload;

import io.redisrace.source.Source;

/**
 * The source tables of a run, one per table size: trials of different shapes (60 rows in chunks of
 * 20, 2,000 rows in chunks of 10) read tables of their own size. The source makes each size once
 * (a SQLite file, or a table in the MariaDB or PostgreSQL server of the run) and every trial of
 * that size shares it; a table given by a JDBC URL has one size, whatever the trial asks for.
 * Thread-safe.
 */
public final class Workloads {
  private final Source source;

  public Workloads(Source source) {
    this.source = source;
  }

  /** The rows a trial that asks for {@code rows} gets (a given JDBC table has the rows it has). */
  public int rows(int rows) {
    return source.fixedRows().orElse(rows);
  }

  /** The workload of {@code rows} rows read in chunks of {@code chunkSize}. */
  public Workload get(int rows, int chunkSize) {
    Source.Table t = source.table(rows);
    return new Workload(t.jdbcUrl(), t.table(), t.rows(), chunkSize);
  }
}
