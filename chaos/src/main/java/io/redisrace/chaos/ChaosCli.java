package io.redisrace.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.HarnessException;
import io.redisrace.command.HarnessCommandLine;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;

/**
 * {@code java -jar chaos/target/redis-race-chaos.jar <command>}: the chaos harness.
 *
 * <pre>
 * java -jar chaos/target/redis-race-chaos.jar run --mode quick          # every variant x fault, 1 trial each
 * java -jar chaos/target/redis-race-chaos.jar run --mode full           # 20 trials per cell
 * java -jar chaos/target/redis-race-chaos.jar run --hunt client-name-lock --time-limit 60s
 * java -jar chaos/target/redis-race-chaos.jar trial --seed 123 --variant bitmap --fault sigstop --client lettuce
 * java -jar chaos/target/redis-race-chaos.jar gate results/runs/.../chaos.json
 * </pre>
 * Exit codes: 0 pass, 1 the gate failed, 2 bad input (one sentence on stderr).
 */
@Command(name = "redis-race-chaos", mixinStandardHelpOptions = true, versionProvider = HarnessCommandLine.Version.class,
    description = "Chaos tests of chunked table-to-Redis loaders: kills, pauses and Toxiproxy faults.",
    subcommands = {RunCommand.class, TrialCommand.class, GateCommand.class, TableCommand.class})
public final class ChaosCli {

  public static void main(String[] args) {
    int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    System.exit(code);
  }

  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return HarnessCommandLine.execute(new ChaosCli(), args, out, err);
  }

  static JsonNode read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new HarnessException("No chaos.json at " + file + "; pass the file a chaos run wrote.");
    }
    try {
      JsonNode doc = new ObjectMapper().readTree(file.toFile());
      if (!io.redisrace.chaos.runner.ChaosResults.SCHEMA.equals(doc.path("schema").asText())) {
        throw new HarnessException(file + " is not a chaos.json of schema " + io.redisrace.chaos.runner.ChaosResults.SCHEMA + ".");
      }
      return doc;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new HarnessException(file + " is not valid JSON; pass the file a chaos run wrote.");
    }
  }
}
