package io.redisrace.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code trial}: replays one trial from its seed and prints its record. */
@Command(name = "trial", mixinStandardHelpOptions = true,
    description = "Replays one trial from its seed and prints its record. Exit codes: 0 every row loaded exactly once, "
        + "1 a row lost or duplicated (or the bitmap inconsistent), 2 bad input.")
final class TrialCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ChaosOptions common;
  @Option(names = "--variant", required = true, description = "Loader variant: ${COMPLETION-CANDIDATES}.",
      completionCandidates = VariantIds.class)
  String variant;
  @Option(names = "--fault", required = true, description = "Fault: ${COMPLETION-CANDIDATES}.", completionCandidates = FaultIds.class)
  String fault;
  @Option(names = "--client", required = true, description = "Client mode: jedis, jedis-retry, lettuce, lettuce-at-most-once.")
  String client;
  @Option(names = "--out", paramLabel = "DIR",
      description = "Also write the trial as a chaos.json of one trial under DIR/<timestamp>/ (gate and table read it).")
  Path out;

  @Override
  public Integer call() throws IOException, InterruptedException {
    if (common.copies != 1) {
      throw new io.redisrace.HarnessException("--copies applies to run; a trial runs on one deployment.");
    }
    LoaderVariant v = common.programs.variant(variant);
    Fault f = Faults.parse(fault);
    ClientMode c = ClientMode.parse(client);
    ChaosSettings s = common.settings(v.id(), f.id(), c.id(), 1, 1, out, null, null);
    long seed = common.seed != null ? common.seed : s.seed();
    TrialPlan plan = Schedule.plan(seed, v, f, c, s.shape(v));
    java.time.Instant startedAt = java.time.Instant.now();
    long t0 = System.nanoTime();
    try (var env = io.redisrace.chaos.runner.ChaosEnvironment.start(s)) {
      TrialRecord r = env.runner().run(0, plan);
      spec.commandLine().getOut().println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
      if (out != null) {
        java.util.Map<String, Object> doc = io.redisrace.chaos.runner.ChaosResults.document(s, env.redis().id(),
            env.redis().version().toString(), env.redis().backend(), env.toxiproxy().toString(), startedAt,
            (System.nanoTime() - t0) / 1e9, List.of(r), java.util.Map.of("harnessErrors", 0));
        spec.commandLine().getErr().println("Wrote " + io.redisrace.chaos.runner.ChaosResults.write(out, startedAt, doc));
      }
      return r.valid() ? 0 : 1;
    }
  }
}
