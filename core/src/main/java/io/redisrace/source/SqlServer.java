package io.redisrace.source;

import io.redisrace.HarnessException;
import io.redisrace.loader.SourceTable;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A MariaDB or PostgreSQL server that the harness starts and stops itself, like redis-server: a
 * {@link ChildProcess} under the reaper on a free 127.0.0.1 port, its data directory a copy of a
 * template made once per server binary in the cache ({@code <cache>/sql/<kind>-<stamp>/data}), so a
 * start costs a copy and the server's own start-up, not an initdb. Tables {@code rows_N} are made
 * in the server on first use; loaders read them over TCP with the server's JDBC driver.
 */
public final class SqlServer implements Source {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final SqlServerKind kind;
  private final ChildProcess process;
  private final Path dir;
  private final int port;
  private final String version;
  private final Map<Integer, Table> tables = new HashMap<>();

  private SqlServer(SqlServerKind kind, ChildProcess process, Path dir, int port, String version) {
    this.kind = kind;
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.version = version;
  }

  /** Starts a server of {@code kind}; one sentence when its binaries are missing or it does not come up. */
  public static SqlServer start(SqlServerKind kind) {
    Path binary = kind.serverBinary();
    Path template = template(kind, binary);
    for (int attempt = 0; attempt < 3; attempt++) {
      SqlServer server = tryStart(kind, template, Ports.freePort());
      if (server != null) {
        return server;
      }
    }
    throw new HarnessException(kind.id() + " could not bind a free port three times in a row.");
  }

  /** The started server, or null when its port was taken meanwhile. */
  private static SqlServer tryStart(SqlServerKind kind, Path template, int port) {
    Path dir = HarnessDirs.newWorkDir(kind.id() + "-" + port + "-");
    Path data = dir.resolve("data");
    ServiceUser.run(List.of("cp", "-a", template.toString(), data.toString()), "copy the " + kind.id() + " data directory");
    ServiceUser.own(dir, kind.serviceUser());
    List<String> cmd = new ArrayList<>(ServiceUser.prefix(kind.serviceUser()));
    cmd.addAll(kind.startCommand(data, port));
    String name = kind.id() + " on port " + port;
    ChildProcess process = ChildProcess.start(name, cmd, dir, dir.resolve("server.log"), Map.of());
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    DriverManager.setLoginTimeout(5);
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String log = process.logTail(40);
        stop(kind, process, dir);
        if (kind.portTaken(log)) {
          return null;
        }
        throw new HarnessException(name + " exited while starting: " + lastLine(log) + " (its log: " + dir.resolve("server.log") + ").");
      }
      try (Connection c = DriverManager.getConnection(kind.adminUrl(port)); Statement st = c.createStatement()) {
        for (String sql : kind.setup()) {
          st.execute(sql);
        }
        return new SqlServer(kind, process, dir, port, c.getMetaData().getDatabaseProductVersion());
      } catch (SQLException e) {
        last = e;
      }
      sleep(100);
    }
    stop(kind, process, dir);
    throw new HarnessException(name + " did not accept connections within " + START_TIMEOUT.toSeconds() + " s ("
        + (last == null ? "no answer" : SourceTable.oneLine(last)) + ").");
  }

  /**
   * The cached data directory of {@code binary}: made once by the kind's init command in a scratch
   * dir the service user owns, then copied into the cache and renamed into place (a concurrent
   * maker's copy wins; both are the same).
   */
  static Path template(SqlServerKind kind, Path binary) {
    String stamp;
    try {
      stamp = Long.toHexString(binary.toRealPath().toString().hashCode() * 31L + Files.getLastModifiedTime(binary.toRealPath()).toMillis());
    } catch (IOException e) {
      throw new HarnessException("Cannot read " + binary + " (" + e.getMessage() + ").");
    }
    Path target = HarnessDirs.cache().resolve("sql").resolve(kind.id() + "-" + stamp).resolve("data");
    if (Files.isDirectory(target)) {
      return target;
    }
    Path work = HarnessDirs.newWorkDir(kind.id() + "-init-");
    try {
      ServiceUser.own(work, kind.serviceUser());
      List<String> cmd = new ArrayList<>(ServiceUser.prefix(kind.serviceUser()));
      cmd.addAll(kind.initCommand(work.resolve("data")));
      ChildProcess init = ChildProcess.start(kind.id() + " data directory", cmd, work, work.resolve("init.log"), Map.of());
      try {
        Integer code = init.waitFor(Duration.ofSeconds(120)).orElse(null);
        if (code == null || code != 0) {
          throw new HarnessException("Making the " + kind.id() + " data directory failed: " + lastLine(init.logTail(20)) + ".");
        }
      } finally {
        init.close();
      }
      Files.createDirectories(target.getParent());
      Path tmp = Files.createTempDirectory(target.getParent(), "data-");
      Files.delete(tmp);
      ServiceUser.run(List.of("cp", "-a", work.resolve("data").toString(), tmp.toString()), "copy the " + kind.id() + " data directory");
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        HarnessDirs.deleteTree(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new HarnessException("Cannot keep the " + kind.id() + " data directory in " + target.getParent() + " (" + e.getMessage() + ").");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while making the " + kind.id() + " data directory.");
    } finally {
      HarnessDirs.deleteTree(work);
    }
  }

  @Override
  public String id() {
    return kind.id();
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public String version() {
    return version;
  }

  @Override
  public synchronized Table table(int rows) {
    return tables.computeIfAbsent(rows, r -> {
      String name = "rows_" + r;
      try (Connection c = DriverManager.getConnection(kind.jdbcUrl(port))) {
        try (Statement st = c.createStatement()) {
          st.execute("DROP TABLE IF EXISTS " + name);
        }
        SourceTable.create(c, name, r, "BIGINT");
      } catch (SQLException e) {
        throw new HarnessException("Cannot make table " + name + " in " + kind.id() + " on port " + port + " (" + SourceTable.oneLine(e) + ").");
      }
      return new Table(kind.jdbcUrl(port), name, r);
    });
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", kind.id());
    d.put("version", version);
    d.put("url", kind.jdbcUrl(port));
    return d;
  }

  @Override
  public void close() {
    stop(kind, process, dir);
  }

  private static void stop(SqlServerKind kind, ChildProcess process, Path dir) {
    if (process.isAlive()) {
      process.signal(kind.stopSignal());
    }
    process.close();
    HarnessDirs.deleteTree(dir);
  }

  private static String lastLine(String log) {
    List<String> lines = log.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while waiting for the SQL server.");
    }
  }

  @Override
  public String toString() {
    return kind.id() + " " + version + " on port " + port;
  }
}
