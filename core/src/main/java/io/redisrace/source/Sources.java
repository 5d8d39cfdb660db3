package io.redisrace.source;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The {@code --source} values: {@code sqlite} (default), a server kind ({@code mariadb}, {@code postgres}), or a JDBC URL. */
public final class Sources {
  /** The SQL servers the harness can start. */
  public static final List<SqlServerKind> SERVERS = List.of(new MariaDbKind(), new PostgresKind());
  private static final Map<String, String> ALIASES = Map.of("mysql", "mariadb", "postgresql", "postgres");

  private Sources() {}

  /**
   * Opens the source {@code spec} names ({@code null} is sqlite): SQLite files under {@code dir}, a
   * started server, or the table {@code table} at a JDBC URL.
   */
  public static Source open(String spec, String table, Path dir) {
    String s = normalize(spec);
    if (s.equals("sqlite")) {
      return new SqliteSource(dir);
    }
    if (s.startsWith("jdbc:")) {
      return new JdbcSource(s, table);
    }
    return SqlServer.start(HasId.byId(SERVERS, s).orElseThrow());
  }

  /**
   * The canonical form of a {@code --source} value (sqlite, a server id, or the URL); one sentence
   * for an unknown one. Opens nothing.
   */
  public static String normalize(String spec) {
    String s = spec == null ? "sqlite" : spec.strip();
    s = ALIASES.getOrDefault(s, s);
    if (s.equals("sqlite") || s.startsWith("jdbc:") || HasId.byId(SERVERS, s).isPresent()) {
      return s;
    }
    throw new HarnessException("Unknown source '" + spec + "'; use sqlite, " + HasId.ids(SERVERS) + " or a JDBC URL (jdbc:...).");
  }
}
