package io.redisrace.chaos.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.ChaosCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quick matrix for {@code fenced} with a real SQL server as the source, through the CLI as a
 * user runs it: {@code run --mode quick --variants fenced --source mariadb|postgres}, cut down to
 * the faults that strike a loader while it reads rows or right after it commits, two client modes
 * and one concurrency cell (4 loaders reading 2,000 rows over TCP), to keep it short. The run
 * starts the server, makes the tables in it, passes the gate, records the server in chaos.json's
 * {@code source}, and stops the server.
 */
@Timeout(300)
class SqlSourceMatrixIntegrationTests {
  @TempDir Path tmp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mariadb", "postgres"})
  void fencedPassesTheQuickMatrixWithAServerSource(String source) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ChaosCli.execute(new String[] {"run", "--mode", "quick", "--variants", "fenced", "--source", source,
        "--faults", "none,sigkill-reading,sigkill-after-commit,reset_peer", "--clients", "lettuce,jedis-retry",
        "--concurrency", "4", "--out", tmp.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
    assertThat(code).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isZero();

    Path file;
    try (Stream<Path> files = Files.walk(tmp)) {
      file = files.filter(p -> p.getFileName().toString().equals("chaos.json")).findFirst().orElseThrow();
    }
    JsonNode doc = new ObjectMapper().readTree(file.toFile());
    assertThat(doc.path("source").path("kind").asText()).isEqualTo(source);
    assertThat(doc.path("source").path("version").asText()).isNotBlank();
    assertThat(doc.path("source").path("url").asText()).startsWith("jdbc:" + (source.equals("mariadb") ? "mariadb" : "postgresql"));
    assertThat(doc.path("trials")).hasSize(5);
    assertThat(doc.path("trials")).allSatisfy(t -> {
      assertThat(t.path("lost").asInt()).as(t.path("replay").asText()).isZero();
      assertThat(t.path("duplicated").asInt()).as(t.path("replay").asText()).isZero();
      assertThat(t.path("valid").asBoolean()).as(t.path("replay").asText()).isTrue();
      assertThat(t.path("replay").asText()).contains("--source " + source);
    });
    assertThat(doc.path("harnessErrors").asInt()).isZero();
    assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").matches(".*/(mariadbd|postgres)$")))
        .as("the run stopped its server").isEmpty();
  }
}
