package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
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
 * {@code plain}, killed after a commit whose reply was dropped, duplicates rows when it is re-run;
 * {@code fenced}, through the same kill and through a connection reset, loads every row once; and
 * without a fault every variant loads every row once (the workload itself works in containers).
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

  record Planned(LoaderVariant variant, Fault fault, ClientMode client) {}

  static final List<Planned> TRIALS = List.of(
      new Planned(LoaderVariant.PLAIN, Fault.NONE, ClientMode.JEDIS),
      new Planned(LoaderVariant.FENCED, Fault.NONE, ClientMode.LETTUCE),
      new Planned(LoaderVariant.PLAIN, Fault.SIGKILL_AFTER_COMMIT, ClientMode.JEDIS),
      new Planned(LoaderVariant.FENCED, Fault.SIGKILL_AFTER_COMMIT, ClientMode.JEDIS),
      new Planned(LoaderVariant.FENCED, Fault.RESET_PEER, ClientMode.LETTUCE));

  @ParameterizedTest(name = "Redis {0}")
  @ValueSource(strings = {"2.8", "6.2", "7.0"})
  @Timeout(300)
  void theSameTrialsGiveTheSameVerdictsOnBothBackends(String server) throws Exception {
    List<Verdict> embedded = run(server, Backend.EMBEDDED, "embedded");
    List<Verdict> docker = run(server, Backend.DOCKER, "docker");

    assertThat(docker).as("verdicts on docker vs embedded, Redis " + server).isEqualTo(embedded);
    assertThat(docker).containsExactly(
        new Verdict("plain x none x jedis", false, false, true),
        new Verdict("fenced x none x lettuce", false, false, true),
        new Verdict("plain x sigkill-after-commit x jedis", false, true, false),
        new Verdict("fenced x sigkill-after-commit x jedis", false, false, true),
        new Verdict("fenced x reset_peer x lettuce", false, false, true));
  }

  private static List<Verdict> run(String server, Backend backend, String expectedBackend) throws InterruptedException {
    ChaosSettings p = ChaosSettings.preset("quick");
    ChaosSettings s = new ChaosSettings(p.mode(), p.seed(), p.variants(), p.faults(), p.clients(), 1, p.rows(), p.chunkSize(),
        p.clientTimeout(), 1, server, p.outDir(), p.timeLimit(), null, "rows", backend);
    List<Verdict> out = new ArrayList<>();
    try (ChaosEnvironment env = ChaosEnvironment.start(s)) {
      assertThat(env.redis().backend()).isEqualTo(expectedBackend);
      assertThat(env.toxiproxy().source().startsWith("docker")).as("Toxiproxy source %s", env.toxiproxy().source())
          .isEqualTo(backend == Backend.DOCKER);
      int i = 0;
      for (Planned t : TRIALS) {
        long seed = p.seed() + i;
        TrialRecord r = env.runner().run(i++, Schedule.plan(seed, t.variant(), t.fault(), t.client(), s.chunks()));
        if (t.fault() != Fault.NONE) {
          assertThat(r.faultApplied()).as("fault applied on %s: %s (replay: %s)", backend.id(), r.note(), r.replay()).isTrue();
        }
        out.add(Verdict.of(r));
      }
    }
    return out;
  }
}
