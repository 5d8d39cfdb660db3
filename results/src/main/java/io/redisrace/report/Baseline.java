package io.redisrace.report;

import io.redisrace.HarnessException;
import io.redisrace.process.RunDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Promotes a run to baseline: {@code results/baseline/baseline.json} is ONE file (JMH JSON, run
 * info, machine, overhead, chaos results), written to a temp file in the same directory and renamed
 * over the old one, so that the gate never reads a half-written baseline. {@code ENVIRONMENT.md},
 * a readable copy of the machine, JVM and server versions, is written the same way after it.
 */
public final class Baseline {
  private Baseline() {}

  public static Path promote(RunData run, Path baselineDir) {
    try {
      Files.createDirectories(baselineDir);
      String now = Instant.now().toString();
      Path target = baselineDir.resolve(RunData.BASELINE_FILE);
      write(target, RunData.JSON.writeValueAsString(run.bundle(now)) + "\n");
      write(baselineDir.resolve("ENVIRONMENT.md"), environmentText(run, now));
      return target;
    } catch (IOException e) {
      throw new HarnessException("Cannot write the baseline in " + baselineDir + " (" + e.getMessage() + "); check permissions.");
    }
  }

  private static void write(Path target, String text) throws IOException {
    RunDir.writeString(target, text);
  }

  static String environmentText(RunData run, String promoted) {
    var env = run.environment();
    var info = run.file(RunDir.RUN);
    StringBuilder sb = new StringBuilder("# Baseline environment\n\n");
    sb.append("Promoted ").append(promoted).append(" from run ").append(run.name()).append(".\n\n");
    sb.append("| what | value |\n|---|---|\n");
    info.ifPresent(i -> sb.append("| mode | ").append(i.path("mode").asText()).append(" (include `").append(i.path("include").asText())
        .append("`) |\n| run started | ").append(i.path("started").asText()).append(" |\n| wall time | ")
        .append(i.path("wallSeconds").asText()).append(" s |\n"));
    env.fields().forEachRemaining(f -> {
      if (f.getValue().isObject() && !f.getKey().equals("servers")) {
        List<String> parts = new ArrayList<>();
        f.getValue().fields().forEachRemaining(s -> parts.add(s.getKey() + " = " + s.getValue().asText()));
        sb.append("| ").append(f.getKey()).append(" | ").append(String.join(", ", parts)).append(" |\n");
      } else if (!f.getKey().equals("servers")) {
        sb.append("| ").append(f.getKey()).append(" | ").append(f.getValue().asText()).append(" |\n");
      }
    });
    env.path("servers").fields().forEachRemaining(f -> sb.append("| Redis server ").append(f.getKey()).append(" | ")
        .append(f.getValue().asText()).append(" |\n"));
    sb.append("\nThe gate reads baseline.json only; this file is for people.\n");
    return sb.toString();
  }
}
