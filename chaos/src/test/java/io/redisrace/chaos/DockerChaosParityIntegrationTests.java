package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.TrialPlan;
import io.redisrace.server.Backend;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chaos harness on the docker backend finds what it finds on the embedded one, on each shipped
 * version: the same trials (same seeds, so the same chunk and phase) run against a redis-server
 * process with a toxiproxy-server process, and against the {@code redis:<version>} image with the
 * Toxiproxy container, and must give the same verdicts. Both sides of the race are shown:
 * {@code plain}, killed (after a commit whose reply was dropped, or while reading rows) or timed
 * out, duplicates rows when it is re-run; {@code fenced}, through a kill, a connection reset and a
 * pause, loads every row once; and without a fault both load every row once (the workload itself
 * works in containers).
 *
 * <p>Runs in the {@code docker-backend} execution of {@code -Pdocker} (docs/docker.md).
 */
@EnabledIfSystemProperty(named = "harness.backend", matches = "docker")
class DockerChaosParityIntegrationTests {

  /** What one trial found, without timings: the part that must not depend on the backend. */
  record Verdict(String trial, boolean lost, boolean duplicated, boolean valid) {
    static Verdict of(TrialRecord r) {
      return new Verdict(r.variant() + " x " + r.fault() + " x " + r.client(), r.hasLoss(), r.hasDuplication(), r.valid());
    }
  }

  /**
   * Cells of the quick matrix, each run with the quick matrix's own plan (seed, client, chunk,
   * phase): across both backends and the three versions each of them gave the same verdict in every
   * run measured (docs/docker.md, "Figures").
   */
  static final List<String> CELLS = List.of(
      "plain x none", "plain x sigkill-after-commit", "plain x sigkill-reading", "plain x timeout",
      "fenced x none", "fenced x sigkill-after-commit", "fenced x reset_peer", "fenced x sigstop");

  static List<TrialPlan> plans(ChaosSettings s) {
    List<TrialPlan> all = Schedule.matrix(s.seed(), s.variants(), s.faults(), s.clients(), 1, s::shape);
    return CELLS.stream().map(cell -> all.stream().filter(p -> cell.equals(p.variant().id() + " x " + p.fault().id())).findFirst()
        .orElseThrow()).toList();
  }

  @ParameterizedTest(name = "Redis {0}")
  @ValueSource(strings = {"2.8", "6.2", "7.0"})
  @Timeout(300)
  void theSameTrialsGiveTheSameVerdictsOnBothBackends(String server) throws Exception {
    List<Verdict> embedded = run(server, Backend.EMBEDDED, "embedded");
    List<Verdict> docker = run(server, Backend.DOCKER, "docker");

    assertThat(docker).as("verdicts on docker vs embedded, Redis " + server).isEqualTo(embedded);
    assertThat(docker).extracting(v -> v.trial().replaceAll(" x [a-z-]+$", "") + ": " + (v.duplicated() ? "duplicated" : "")
        + (v.lost() ? "lost" : "") + (v.valid() ? "valid" : "")).containsExactly(
        "plain x none: valid", "plain x sigkill-after-commit: duplicated", "plain x sigkill-reading: duplicated",
        "plain x timeout: duplicated",
        "fenced x none: valid", "fenced x sigkill-after-commit: valid", "fenced x reset_peer: valid", "fenced x sigstop: valid");
  }

  private static List<Verdict> run(String server, Backend backend, String expectedBackend) throws InterruptedException {
    ChaosSettings p = ChaosSettings.preset("quick");
    ChaosSettings s = new ChaosSettings(p.mode(), p.seed(), p.variants(), p.faults(), p.clients(), 1, p.rows(), p.chunkSize(),
        null, 0, ChaosSettings.Concurrency.OFF, p.clientTimeout(), 1, server, p.outDir(), p.timeLimit(), null, "rows", backend);
    List<Verdict> out = new ArrayList<>();
    try (ChaosEnvironment env = ChaosEnvironment.start(s)) {
      assertThat(env.redis().backend()).isEqualTo(expectedBackend);
      assertThat(env.toxiproxy().source().startsWith("docker")).as("Toxiproxy source %s", env.toxiproxy().source())
          .isEqualTo(backend == Backend.DOCKER);
      int i = 0;
      for (TrialPlan plan : plans(s)) {
        TrialRecord r = env.runner().run(i++, plan);
        if (plan.fault() != Faults.none()) {
          assertThat(r.faultApplied()).as("fault applied on %s: %s (replay: %s)", backend.id(), r.note(), r.replay()).isTrue();
        }
        out.add(Verdict.of(r));
      }
    }
    return out;
  }
}
