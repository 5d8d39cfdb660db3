package io.redisrace.chaos.loadercmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.chaos.runner.ChaosEnvironment;
import io.redisrace.chaos.runner.ChaosSettings;
import io.redisrace.chaos.runner.TrialRecord;
import io.redisrace.chaos.schedule.Schedule;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.Step;
import io.redisrace.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A black-box loader that is broken by itself (not found, exits at once, never connects, garbage on
 * the control socket) gets one sentence with its last output lines in the trial record; the trial
 * is invalid, the runner returns (the run goes on), nothing is restarted, and no process is left.
 */
@Timeout(120)
class BadLoaderCommandsIntegrationTests {
  static ChaosEnvironment env;
  static int index;
  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    env = ChaosEnvironment.start(ChaosSettings.preset("quick"));
  }

  @AfterAll
  static void stop() {
    env.close();
  }

  /** One fault-free trial of {@code loader}, alone (no competitor), its record checked for a loader error. */
  static TrialRecord trial(CommandLoader loader) throws InterruptedException {
    TrialRecord r = env.runner().run(index++, Schedule.plan(7, loader, Faults.none(), ClientMode.JEDIS, new Shape(1, 60, 20, 0)));
    assertThat(r.valid()).as("never counted clean").isFalse();
    assertThat(r.restarts()).as("a broken loader is not restarted").isZero();
    assertThat(r.loaderError()).startsWith("Loader A (" + loader.name() + ": ");
    assertThat(r.loaderError().lines()).as("one sentence").hasSize(1);
    assertThat(ChildProcess.live()).as("no loader left behind").noneMatch(c -> c.name().startsWith("loader ") && c.isAlive());
    return r;
  }

  @Test
  void aCommandThatIsNotFound() throws Exception {
    TrialRecord r = trial(new CommandLoader("nosuch", "no-such-loader-program --rows 60", List.of(), true));
    assertThat(r.loaderError()).contains("was not found (exit 127)").contains("no-such-loader-program");
  }

  @Test
  void aProgramThatExitsAtOnce() throws Exception {
    TrialRecord r = trial(new CommandLoader("quits", "sh -c 'echo reading config; echo config.ini: no such file >&2; exit 1'",
        List.of(), true));
    assertThat(r.loaderError()).contains("exited 1 before it wrote to Redis").contains("reading config | config.ini: no such file");
  }

  @Test
  void aProgramThatNeverConnects() throws Exception {
    TrialRecord r = trial(new CommandLoader("sleeper", "sh -c 'echo waiting for nothing; exec sleep 600'", List.of(Step.ROWS_READ), true));
    assertThat(r.loaderError()).contains("never connected: no step on the control socket within 10 s, so it was killed")
        .contains("waiting for nothing");
  }

  @Test
  void aProgramThatWritesGarbageToTheControlSocket() throws Exception {
    Path script = Files.writeString(tmp.resolve("garbage.py"), String.join("\n",
        "import os, socket",
        "host, port = os.environ['REDIS_RACE_CONTROL'].rsplit(':', 1)",
        "s = socket.create_connection((host, int(port)))",
        "f = s.makefile('rw')",
        "f.write('hello %s %d\\n' % (os.environ['REDIS_RACE_LOADER_ID'], os.getpid())); f.flush(); print('got', f.readline().strip())",
        "f.write('PROGRESS 50%\\n'); f.flush(); print('then', repr(f.readline()), flush=True)",
        "raise SystemExit(4)", ""));
    TrialRecord r = trial(new CommandLoader("garbage", "python3 " + script, List.of(Step.ROWS_READ), true));
    assertThat(r.loaderError()).contains("wrote garbage to the control socket: 'PROGRESS 50%'").contains("got go | then ''");
  }
}
