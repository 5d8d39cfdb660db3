package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.process.RunDir;
import java.util.List;

/** The run's {@code chaos.json} as {@code redis-race-report gate} reads it: is there one, and what does the chaos gate say. */
public final class ChaosJson {
  public static final String FILE = RunDir.CHAOS;

  private ChaosJson() {}

  /** The chaos gate's failures for the run, empty when it passed or the run has no chaos.json. */
  public static List<String> gateFailures(RunData run) {
    return run.file(FILE).map(ChaosGate::evaluate).orElse(List.of());
  }

  /** True when the run has a chaos matrix at all. */
  public static boolean present(RunData run) {
    return run.file(FILE).map(JsonNode::isObject).orElse(false);
  }
}
