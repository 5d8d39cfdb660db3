package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay command a trial record prints works as printed: {@code java -jar
 * chaos/target/redis-race-chaos.jar trial ...} run from the repository root, a relative jar path.
 * The loaders it starts run in their own log dir, so a relative class path once made every one of
 * them die with "Could not find or load main class" while the trial still looked like a run.
 */
@Timeout(180)
class ChaosReplayIntegrationTests {
  @TempDir Path tmp;

  @Test
  void theReplayCommandOfARecordRunsAsPrintedAndLoadsEveryRowOnce() throws Exception {
    Path jar = ChaosJar.path();
    Path repoRoot = jar.getParent().getParent().getParent();
    JsonNode first = trial(repoRoot, List.of("java", "-jar", jar.toString(), "trial", "--seed", "20261125", "--variant", "plain",
        "--fault", "none", "--client", "jedis", "--rows", "60", "--chunk-size", "20"));
    String replay = first.path("replay").asText();
    assertThat(replay).startsWith("java -jar chaos/target/redis-race-chaos.jar trial --seed 20261125");

    JsonNode again = trial(repoRoot, List.of("bash", "-c", replay));
    for (JsonNode r : List.of(first, again)) {
      assertThat(r.path("runs").get(0).path("exit").asInt()).as("loader A's exit; its output: %s", r.path("runs").get(0).path("output"))
          .isZero();
      assertThat(r.path("lost").asInt()).isZero();
      assertThat(r.path("duplicated").asInt()).isZero();
      assertThat(r.path("valid").asBoolean()).isTrue();
    }
  }

  private JsonNode trial(Path dir, List<String> command) throws Exception {
    List<String> cmd = new ArrayList<>(command);
    if (cmd.get(0).equals("java")) {
      cmd.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
    Path out = Files.createTempFile(tmp, "trial", ".json");
    Path err = Files.createTempFile(tmp, "trial", ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    // bash -c "java ..." finds this JVM's java first.
    pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    Process p = pb.start();
    try {
      assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("trial finished").isTrue();
      assertThat(p.exitValue()).as("trial exit; stderr: %s", Files.readString(err)).isZero();
      return new ObjectMapper().readTree(out.toFile());
    } finally {
      p.destroyForcibly();
    }
  }
}
