package io.redisrace.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.chaos.report.ChaosGate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gate}: the chaos gate on a chaos.json file. */
@Command(name = "gate", mixinStandardHelpOptions = true, description = "Evaluates the chaos gate on a chaos.json file.")
final class GateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(paramLabel = "CHAOS_JSON") Path file;

  @Override
  public Integer call() throws IOException {
    JsonNode doc = ChaosCli.read(file);
    List<String> failures = ChaosGate.evaluate(doc);
    PrintWriter out = spec.commandLine().getOut();
    failures.forEach(f -> out.println("GATE FAIL: " + f));
    out.println(failures.isEmpty() ? "gate: pass" : "gate: " + failures.size() + " failure(s)");
    out.flush();
    return failures.isEmpty() ? 0 : 1;
  }
}
