package io.redisrace.source;

import io.redisrace.HasId;
import java.nio.file.Path;
import java.util.List;

/**
 * One kind of SQL server the harness can start as a source ({@link MariaDbKind}, {@link PostgresKind}):
 * where its binaries are, how a data directory is made and the server started on a port, and the
 * JDBC URL of the database the tables go into. {@link SqlServer} does the rest (the data-dir
 * template in the cache, the port, the service user, waiting, stopping). Adding a server is one
 * class like these and one line in {@link Sources}.
 */
public interface SqlServerKind extends HasId {

  /** The system user the server runs as when the harness is root (both servers refuse root). */
  String serviceUser();

  /** The server binary; a {@link io.redisrace.HarnessException} with the install step when it is missing. */
  Path serverBinary();

  /** Makes a fresh, empty data directory {@code dataDir} (run as the service user when root). */
  List<String> initCommand(Path dataDir);

  /** Runs the server in the foreground on 127.0.0.1:{@code port}, files under {@code dataDir}. */
  List<String> startCommand(Path dataDir, int port);

  /** The JDBC URL of the server's own database, for the set-up statements. */
  String adminUrl(int port);

  /** Statements run once over {@link #adminUrl} before any table is made (e.g. CREATE DATABASE). */
  List<String> setup();

  /** The JDBC URL loaders read from. */
  String jdbcUrl(int port);

  /** The signal that stops the server at once, closing its clients' sessions (PostgreSQL: INT; on TERM it waits for them). */
  String stopSignal();

  /** True when the server's log says that it could not bind its port (the harness then takes another). */
  boolean portTaken(String log);
}
