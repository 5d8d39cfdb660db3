package io.redisrace.loader;

import io.redisrace.HarnessException;
import io.redisrace.process.RunDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The loader's source: a JDBC table {@code (id, payload)} read chunk by chunk in id order
 * ({@code ORDER BY id LIMIT size OFFSET i*size}, which SQLite and PostgreSQL both speak). The
 * embedded default is a SQLite file made by {@link #generateSqlite}.
 *
 * <p>Each row becomes one list element {@code "<id>:<payload>"}, so that the checker can tell which
 * row an element is.
 */
public final class SourceTable implements AutoCloseable {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  private final Connection connection;
  private final String url;
  private final String table;
  private final long rows;
  private final PreparedStatement chunkQuery;

  private SourceTable(Connection connection, String url, String table, long rows, PreparedStatement chunkQuery) {
    this.connection = connection;
    this.url = url;
    this.table = table;
    this.rows = rows;
    this.chunkQuery = chunkQuery;
  }

  /** Connects and counts the rows; refuses, with one sentence, a URL that does not connect or an empty table. */
  public static SourceTable open(String url, String table) {
    if (!IDENTIFIER.matcher(table).matches()) {
      throw new HarnessException("Table name '" + table + "' is not a plain SQL identifier; use letters, digits and _.");
    }
    DriverManager.setLoginTimeout(5);
    Connection connection;
    try {
      connection = DriverManager.getConnection(url);
    } catch (SQLException e) {
      throw new HarnessException("Cannot connect to the JDBC URL '" + url + "' (" + oneLine(e) + "); check the URL and that the database is up.");
    }
    try {
      long count;
      try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
        rs.next();
        count = rs.getLong(1);
      }
      if (count == 0) {
        throw new HarnessException("Table " + table + " at '" + url + "' is empty; the loader needs at least one row.");
      }
      PreparedStatement q = connection.prepareStatement("SELECT id, payload FROM " + table + " ORDER BY id LIMIT ? OFFSET ?");
      return new SourceTable(connection, url, table, count, q);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new HarnessException("Cannot read table " + table + "(id, payload) at '" + url + "' (" + oneLine(e) + "); check the table name and its columns.");
    } catch (HarnessException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  public long rows() {
    return rows;
  }

  public String url() {
    return url;
  }

  public String table() {
    return table;
  }

  /** The database's own version string (JDBC metadata), e.g. {@code 15.18 (Debian 15.18-0+deb12u1)}. */
  public String productVersion() {
    try {
      return connection.getMetaData().getDatabaseProductVersion();
    } catch (SQLException e) {
      return "unknown";
    }
  }

  /** Number of chunks of {@code chunkSize} rows (the last one may be short). */
  public int chunks(int chunkSize) {
    return (int) ((rows + chunkSize - 1) / chunkSize);
  }

  /** The list elements of chunk {@code chunk}. */
  public List<String> read(int chunk, int chunkSize) throws SQLException {
    chunkQuery.setInt(1, chunkSize);
    chunkQuery.setLong(2, (long) chunk * chunkSize);
    List<String> out = new ArrayList<>(chunkSize);
    try (ResultSet rs = chunkQuery.executeQuery()) {
      while (rs.next()) {
        out.add(element(rs.getLong(1), rs.getString(2)));
      }
    }
    return out;
  }

  /** The list element of one row. */
  public static String element(long id, String payload) {
    return id + ":" + payload;
  }

  /** The row id of a list element, or -1 when it is not one of ours. */
  public static long idOf(String element) {
    int colon = element.indexOf(':');
    if (colon <= 0) {
      return -1;
    }
    try {
      return Long.parseLong(element.substring(0, colon));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The JDBC URL of a SQLite file. */
  public static String sqliteUrl(Path file) {
    return "jdbc:sqlite:" + file.toAbsolutePath();
  }

  /**
   * Writes a SQLite file with table {@code table(id INTEGER PRIMARY KEY, payload TEXT)} holding ids
   * 1..rows, atomically (temp file, then rename). Returns {@code file}.
   */
  public static Path generateSqlite(Path file, String table, int rows) {
    if (rows < 0) {
      throw new HarnessException("The number of rows must be at least 0, not " + rows + ".");
    }
    try {
      return RunDir.write(file, tmp -> fill(tmp, file, table, rows));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void fill(Path tmp, Path file, String table, int rows) throws IOException {
    Files.delete(tmp); // SQLite creates the file
    try (Connection c = DriverManager.getConnection(sqliteUrl(tmp))) {
      create(c, table, rows, "INTEGER");
    } catch (SQLException e) {
      throw new HarnessException("Cannot write the SQLite source " + file + " (" + oneLine(e) + ").", e);
    }
  }

  /**
   * Creates {@code table(id <idType> PRIMARY KEY, payload VARCHAR(64) NOT NULL)} over {@code c} and
   * fills it with ids 1..rows, payload {@code row-<id>}, in one transaction: the one table every
   * source holds (SQLite, a MariaDB or PostgreSQL server).
   */
  public static void create(Connection c, String table, int rows, String idType) throws SQLException {
    if (!IDENTIFIER.matcher(table).matches()) {
      throw new HarnessException("Table name '" + table + "' is not a plain SQL identifier; use letters, digits and _.");
    }
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE " + table + " (id " + idType + " PRIMARY KEY, payload VARCHAR(64) NOT NULL)");
    }
    try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table + " (id, payload) VALUES (?, ?)")) {
      for (int id = 1; id <= rows; id++) {
        ins.setLong(1, id);
        ins.setString(2, "row-" + id);
        ins.addBatch();
        if (id % 1000 == 0) {
          ins.executeBatch();
        }
      }
      ins.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
  }

  public static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    m = m.lines().findFirst().orElse("").strip();
    while (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    return m;
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing to do
    }
  }

  @Override
  public void close() {
    try {
      chunkQuery.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
    closeQuietly(connection);
  }
}
