package io.redisrace.source;

import io.redisrace.loader.SourceTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The embedded default: one generated SQLite file per table size, {@code dir/rows-N.db}, table {@code rows}. */
public final class SqliteSource implements Source {
  private final Path dir;
  private final Map<Integer, Table> tables = new HashMap<>();

  public SqliteSource(Path dir) {
    this.dir = dir;
  }

  @Override
  public String id() {
    return "sqlite";
  }

  @Override
  public synchronized Table table(int rows) {
    return tables.computeIfAbsent(rows, r -> {
      Path file = SourceTable.generateSqlite(dir.resolve("rows-" + r + ".db"), "rows", r);
      return new Table(SourceTable.sqliteUrl(file), "rows", r);
    });
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", id());
    d.put("version", version());
    return d;
  }

  private static String version() {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:")) {
      return c.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      return "unknown";
    }
  }

  @Override
  public void close() {
    // the files live in the run's work dir, removed with it
  }
}
