package io.redisrace.chaos.loadercmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.Step;
import io.redisrace.process.ChildProcess;
import io.redisrace.source.Source;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Python fenced loader (seed_fenced.py) reading a real MariaDB (PyMySQL) or PostgreSQL (psycopg)
 * source that the harness started, through the DB-API: three cells of the matrix, the classic shape
 * (A and a competitor B, 60 rows in chunks of 20), every id exactly once, and the server's own
 * counters show that the rows were read from it (nothing else reads the table during the trials:
 * the checker compares against the ids 1..60). Without python3 and the pinned drivers
 * ({@code bash examples/loaders/python/install.sh}) it is skipped, but never in CI.
 */
@Timeout(180)
class PythonSqlSourceIntegrationTests {
  static final CommandLoader FENCED = PythonLoaders.loader("seed_fenced.py", true, Step.BIT_CHECKED, Step.ROWS_READ);
  static final String[][] CELLS = {{"none", "jedis"}, {"sigkill-in-flight", "lettuce"}, {"lost_reply", "jedis-retry"}};

  @BeforeAll
  static void installed() throws Exception {
    PythonLoaders.assumeInstalled("pymysql", "psycopg");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mariadb", "postgres"})
  void theFencedLoaderReadsTheServerAndLoadsEveryRowOnce(String kind) throws Exception {
    try (ChaosEnvironment env = ChaosEnvironment.start(withSource(ChaosSettings.preset("quick"), kind))) {
      Source.Table table = env.source().table(60);
      assertThat(table.jdbcUrl()).startsWith("jdbc:" + (kind.equals("mariadb") ? "mariadb" : "postgresql") + "://");
      try (Connection db = DriverManager.getConnection(table.jdbcUrl())) {
        long before = reads(db, kind, table.table());
        for (int i = 0; i < CELLS.length; i++) {
          TrialRecord r = env.runner().run(i, Schedule.plan(20 + i, FENCED, Faults.parse(CELLS[i][0]),
              ClientMode.valueOf(CELLS[i][1].toUpperCase().replace('-', '_')), new Shape(2, 60, 20, 0)));
          assertThat(r.loaderError()).as(r.replay()).isNull();
          assertThat(r.valid()).as(r.replay()).isTrue();
          assertThat(r.complete()).as(r.replay()).isTrue();
          assertThat(r.lost()).as(r.replay()).isZero();
          assertThat(r.duplicated()).as(r.replay()).isZero();
          assertThat(r.read()).as(r.replay()).isEqualTo(60);
          assertThat(r.replay()).contains("--source " + kind);
          if (!CELLS[i][0].equals(Faults.NONE)) {
            assertThat(r.faultApplied()).as(r.replay()).isTrue();
          }
        }
        // Each trial's 3 chunks were read by some Python loader (a SELECT per chunk, and a COUNT(*) per run).
        long reads = reads(db, kind, table.table()) - before;
        System.out.printf("PythonSqlSourceIntegrationTests: %s served %d reads of %s to the Python loaders in %d trials%n",
            kind, reads, table.table(), CELLS.length);
        assertThat(reads).as("reads of %s in the %s server", table.table(), kind)
            .isGreaterThanOrEqualTo(CELLS.length * (3L + 1));
      }
      assertThat(ChildProcess.live()).as("no loader left behind").noneMatch(c -> c.name().startsWith("loader ") && c.isAlive());
    }
  }

  /**
   * How often the server was asked to read: MariaDB's statement counter {@code Com_select} (the
   * loaders' SELECTs; this connection sends none), PostgreSQL's scans of the table, counted once
   * every other session has ended (a backend flushes its counters before it leaves pg_stat_activity).
   */
  static long reads(Connection db, String kind, String table) throws SQLException, InterruptedException {
    try (Statement st = db.createStatement()) {
      if (kind.equals("mariadb")) {
        try (ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")) {
          rs.next();
          return rs.getLong(2);
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (count(st, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()") > 0
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      st.execute("SELECT pg_stat_clear_snapshot()");
      return count(st, "SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = '" + table + "'");
    }
  }

  private static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The preset's settings with {@code --source kind}. */
  static ChaosSettings withSource(ChaosSettings s, String kind) {
    return new ChaosSettings(s.mode(), s.seed(), s.variants(), s.faults(), s.clients(), s.trialsPerCell(), s.rows(), s.chunkSize(),
        s.loaders(), s.skewMs(), s.concurrency(), s.clientTimeout(), s.parallel(), s.server(), s.outDir(), s.timeLimit(), kind, s.table(),
        s.backend());
  }
}
