package io.redisrace.source;

import io.redisrace.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * PostgreSQL from Debian's {@code postgresql} package (the newest {@code /usr/lib/postgresql/N/bin},
 * else {@code postgres} and {@code initdb} on PATH; {@code $REDIS_RACE_PG_BIN} names another
 * directory). The cluster trusts local TCP logins of {@code postgres}; the tables go into database
 * {@code postgres}. Durability is off (fsync, synchronous commit): the table is remade every run.
 */
public final class PostgresKind implements SqlServerKind {
  private static final String INSTALL = "apt-get install postgresql";

  @Override
  public String id() {
    return "postgres";
  }

  @Override
  public String serviceUser() {
    return "postgres";
  }

  @Override
  public Path serverBinary() {
    return SqlBinaries.find("postgres", "REDIS_RACE_PG_BIN", debianBinDirs(), INSTALL);
  }

  @Override
  public List<String> initCommand(Path dataDir) {
    Path initdb = SqlBinaries.find("initdb", "REDIS_RACE_PG_BIN", debianBinDirs(), INSTALL);
    return List.of(initdb.toString(), "-D", dataDir.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync",
        "--no-instructions");
  }

  @Override
  public List<String> startCommand(Path dataDir, int port) {
    return List.of(serverBinary().toString(), "-D", dataDir.toString(), "-p", Integer.toString(port), "-h", Ports.LOOPBACK,
        "-k", "", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
        "-c", "dynamic_shared_memory_type=mmap", "-c", "max_connections=100", "-c", "shared_buffers=16MB");
  }

  @Override
  public String adminUrl(int port) {
    return jdbcUrl(port);
  }

  @Override
  public List<String> setup() {
    return List.of();
  }

  @Override
  public String jdbcUrl(int port) {
    return "jdbc:postgresql://" + Ports.LOOPBACK + ":" + port + "/postgres?user=postgres&connectTimeout=5";
  }

  @Override
  public String stopSignal() {
    return "INT";
  }

  @Override
  public boolean portTaken(String log) {
    return log.contains("Address already in use") || log.contains("could not create any TCP/IP sockets");
  }

  /** Debian's versioned binary dirs, newest first. */
  private static List<Path> debianBinDirs() {
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.filter(p -> p.getFileName().toString().matches("\\d+"))
          .sorted(Comparator.comparingInt((Path p) -> Integer.parseInt(p.getFileName().toString())).reversed())
          .map(p -> p.resolve("bin")).toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
