package io.redisrace.source;

import io.redisrace.process.Ports;
import java.nio.file.Path;
import java.util.List;

/**
 * MariaDB from Debian's {@code mariadb-server} package ({@code mariadbd}, {@code mariadb-install-db});
 * {@code $REDIS_RACE_MARIADB_BIN} names another directory holding both. Root logs in over TCP
 * without a password (the data dir is made with {@code --auth-root-authentication-method=normal});
 * the tables go into database {@code race}.
 */
public final class MariaDbKind implements SqlServerKind {
  private static final String INSTALL = "apt-get install mariadb-server";

  @Override
  public String id() {
    return "mariadb";
  }

  @Override
  public String serviceUser() {
    return "mysql";
  }

  @Override
  public Path serverBinary() {
    return SqlBinaries.find("mariadbd", "REDIS_RACE_MARIADB_BIN", List.of(Path.of("/usr/sbin")), INSTALL);
  }

  @Override
  public List<String> initCommand(Path dataDir) {
    Path installDb = SqlBinaries.find("mariadb-install-db", "REDIS_RACE_MARIADB_BIN", List.of(Path.of("/usr/bin")), INSTALL);
    return List.of(installDb.toString(), "--no-defaults", "--datadir=" + dataDir, "--auth-root-authentication-method=normal",
        "--skip-test-db", "--innodb-log-file-size=4M");
  }

  @Override
  public List<String> startCommand(Path dataDir, int port) {
    return List.of(serverBinary().toString(), "--no-defaults", "--datadir=" + dataDir, "--port=" + port,
        "--bind-address=" + Ports.LOOPBACK, "--socket=" + dataDir.resolve("mysqld.sock"), "--pid-file=" + dataDir.resolve("mysqld.pid"),
        "--skip-log-bin", "--innodb-buffer-pool-size=16M", "--innodb-log-file-size=4M", "--innodb-flush-log-at-trx-commit=0",
        "--max-connections=200");
  }

  @Override
  public String adminUrl(int port) {
    return "jdbc:mariadb://" + Ports.LOOPBACK + ":" + port + "/?user=root&connectTimeout=5000";
  }

  @Override
  public List<String> setup() {
    return List.of("CREATE DATABASE IF NOT EXISTS race");
  }

  @Override
  public String jdbcUrl(int port) {
    return "jdbc:mariadb://" + Ports.LOOPBACK + ":" + port + "/race?user=root&connectTimeout=5000";
  }

  @Override
  public String stopSignal() {
    return "TERM";
  }

  @Override
  public boolean portTaken(String log) {
    return log.contains("Address already in use") || log.contains("Do you already have another server running on port");
  }
}
