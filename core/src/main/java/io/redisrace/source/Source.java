package io.redisrace.source;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Where loaders read their rows: a table {@code (id, payload)} with ids 1..N, reached by a JDBC URL.
 * {@link Sources#open} makes one from {@code --source}: generated SQLite files (the embedded
 * default), a MariaDB or PostgreSQL server the harness starts itself, or a table the user already
 * has. Closing it stops whatever it started.
 */
public interface Source extends AutoCloseable {

  /** One table of a source: the URL loaders connect to, the table name and its row count. */
  record Table(String jdbcUrl, String table, int rows) {}

  /** sqlite, mariadb, postgres or jdbc. */
  String id();

  /**
   * A table of ids 1..{@code rows}, made on first use and shared after that (thread-safe). A source
   * whose table is given ({@link #fixedRows()} present) returns that one, whatever {@code rows}.
   */
  Table table(int rows);

  /** The row count of a given table; empty when the source makes tables of any size. */
  default OptionalInt fixedRows() {
    return OptionalInt.empty();
  }

  /** What chaos.json records under {@code source}: kind, version, and the server's URL where there is one. */
  Map<String, Object> describe();

  @Override
  void close();
}
