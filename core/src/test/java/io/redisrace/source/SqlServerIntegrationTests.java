package io.redisrace.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.loader.SourceTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server sources for real: the harness starts MariaDB and PostgreSQL (as their service user
 * when it is root), makes the table ids 1..N in them, a loader's {@link SourceTable} reads it over
 * TCP, and closing the source stops the server.
 */
@Timeout(180)
class SqlServerIntegrationTests {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mariadb", "postgres"})
  void serverHoldsTheGeneratedTableAndStopsOnClose(String kind) throws Exception {
    Source source = Sources.open(kind, "rows", tmp);
    ProcessHandle server;
    try {
      assertThat(source).isInstanceOf(SqlServer.class);
      server = ProcessHandle.of(((SqlServer) source).pid()).orElseThrow();
      assertThat(server.info().command().orElse("")).contains(kind.equals("mariadb") ? "mariadbd" : "postgres");
      if (ServiceUser.root()) {
        assertThat(server.info().user().orElse("")).as("not root").isEqualTo(kind.equals("mariadb") ? "mysql" : "postgres");
      }
      Source.Table table = source.table(45);
      assertThat(source.table(45)).isSameAs(table);
      assertThat(table.jdbcUrl()).startsWith("jdbc:" + (kind.equals("mariadb") ? "mariadb" : "postgresql") + "://127.0.0.1:");
      try (SourceTable t = SourceTable.open(table.jdbcUrl(), table.table())) {
        assertThat(t.rows()).isEqualTo(45);
        assertThat(t.chunks(20)).isEqualTo(3);
        assertThat(t.read(0, 20)).hasSize(20).startsWith("1:row-1", "2:row-2");
        assertThat(t.read(2, 20)).containsExactly("41:row-41", "42:row-42", "43:row-43", "44:row-44", "45:row-45");
      }
      assertThat(source.table(7).rows()).isEqualTo(7);
      assertThat(source.describe()).containsEntry("kind", kind).containsKey("version").containsKey("url");
    } finally {
      source.close();
    }
    assertThat(server.isAlive()).as("server stopped by close").isFalse();
  }

  @Test
  void unknownSourceIsOneSentence() {
    assertThatThrownBy(() -> Sources.normalize("oracle")).isInstanceOf(HarnessException.class)
        .hasMessage("Unknown source 'oracle'; use sqlite, mariadb, postgres or a JDBC URL (jdbc:...).");
    assertThat(List.of("sqlite", "mysql", "postgresql", "jdbc:sqlite:x").stream().map(Sources::normalize))
        .containsExactly("sqlite", "mariadb", "postgres", "jdbc:sqlite:x");
  }
}
