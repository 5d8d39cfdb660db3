package io.redisrace.source;

import io.redisrace.loader.SourceTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** A table the user already has, {@code (id, payload)} with ids 1..N, at a JDBC URL: it has the rows it has. */
public final class JdbcSource implements Source {
  private final Table table;
  private final String version;

  /** Connects once to count the rows; refuses, with one sentence, a URL that does not connect or an empty table. */
  public JdbcSource(String url, String table) {
    try (SourceTable t = SourceTable.open(url, table)) {
      this.table = new Table(url, table, (int) t.rows());
      this.version = t.productVersion();
    }
  }

  @Override
  public String id() {
    return "jdbc";
  }

  @Override
  public Table table(int rows) {
    return table;
  }

  @Override
  public OptionalInt fixedRows() {
    return OptionalInt.of(table.rows());
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", id());
    d.put("version", version);
    d.put("url", table.jdbcUrl());
    d.put("table", table.table());
    return d;
  }

  @Override
  public void close() {
    // not ours to stop
  }
}
