package io.redisrace.report;

import static io.redisrace.report.Format.num;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import java.util.Locale;
import java.util.Optional;

/**
 * How much of the measured time is the harness: the single-thread jedis {@code lua} throughput
 * divided by {@code redis-benchmark -c 1 EVALSHA} on the same server ({@code overhead.json}), and
 * the one sentence about it that the report and {@code redis-race-report} print.
 */
public record OverheadRatio(double ratio, double luaOps, double toolOps, String server, String detail) {

  public static Optional<OverheadRatio> of(RunData run) {
    JsonNode o = run.file(RunDir.OVERHEAD).orElse(null);
    if (o == null || !o.path("measured").asBoolean(false)) {
      return Optional.empty();
    }
    String server = o.path("server").asText();
    double tool = 0;
    int n = 0;
    for (JsonNode v : o.path("requestsPerSecond")) {
      tool += v.asDouble();
      n++;
    }
    double toolOps = n == 0 ? Double.NaN : tool / n;
    return run.throughput().stream()
        .filter(r -> r.cell().variant().equals("lua") && r.cell().client().equals("jedis") && r.cell().threads() == 1
            && r.cell().keys() == 1 && r.cell().server().equals(server))
        .findFirst()
        .map(r -> new OverheadRatio(r.score() / toolOps, r.score(), toolOps, server,
            o.path("tool").asText() + ": " + o.path("command").asText() + " against Redis " + o.path("serverVersion").asText()));
  }

  public static String sentence(RunData run) {
    Optional<OverheadRatio> r = of(run);
    if (r.isPresent()) {
      return String.format(Locale.ROOT, "Harness overhead ratio %.2f: JMH lua, jedis, 1 thread = %s ops/s; %s EVALSHA = %s "
          + "requests/s (Redis %s). Target: at least 0.9.", r.get().ratio(), num(r.get().luaOps()), reference(run), num(r.get().toolOps()),
          r.get().server());
    }
    String reason = run.file(RunDir.OVERHEAD).map(o -> o.path("reason").asText(""))
        .filter(s -> !s.isBlank()).map(OverheadRatio::pastTense)
        .orElse("it has no overhead.json (it was not written by BenchRunner).");
    if (run.file(RunDir.OVERHEAD).map(o -> o.path("measured").asBoolean(false)).orElse(false)) {
      reason = "the reference ran, but the run has no single-thread jedis lua throughput cell on the same server.";
    }
    return "Harness overhead: not measured in run " + run.name() + ": " + reason;
  }

  /** What the figure was measured against: redis-benchmark (runs before the reference client say nothing else). */
  public static String reference(RunData run) {
    String tool = run.file(RunDir.OVERHEAD).map(o -> o.path("tool").asText("")).orElse("");
    return tool.startsWith("the harness's reference client") ? tool : "redis-benchmark -c 1";
  }

  /** A run's own reason, said of the past ("redis-benchmark was not on PATH ..."), starting in lower case. */
  static String pastTense(String reason) {
    String r = reason.replace(" is not on PATH", " was not on PATH").replace("This run has no", "it had no");
    return r.isEmpty() ? r : Character.toLowerCase(r.charAt(0)) + r.substring(1);
  }
}
