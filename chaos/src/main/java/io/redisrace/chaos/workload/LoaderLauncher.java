package io.redisrace.chaos.workload;

import io.redisrace.chaos.history.History;
import io.redisrace.loader.Loader;
import io.redisrace.loader.Step;
import io.redisrace.loader.main.LoaderMain;
import io.redisrace.loader.SourceTable;
import io.redisrace.loader.StepHold;
import io.redisrace.process.ChildProcess;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts loaders: as OS processes ({@code java ... io.redisrace.loader.main.LoaderMain}, under the
 * {@link ChildProcess} reaper so that none outlives the harness), or as a thread of the harness.
 *
 * <p>The process uses the java binary of this JVM and this JVM's class path. That works from the
 * shaded chaos jar (one jar that holds everything) and under surefire/failsafe, whose manifest-only
 * booter jar carries the real class path in its {@code Class-Path} manifest entry, which the JVM
 * follows for a {@code -cp} jar too. Entries are made absolute, since the loader's working directory
 * is its log dir.
 */
public final class LoaderLauncher {
  /** Small and quick to start: loaders are short-lived. */
  static final List<String> JVM_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-Xmx96m",
      "-Dio.netty.eventLoopThreads=1");

  private final ControlServer control;
  private final Path logDir;

  public LoaderLauncher(ControlServer control, Path logDir) {
    this.control = control;
    this.logDir = logDir;
  }

  public static List<String> javaCommand() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java));
    cmd.addAll(JVM_FLAGS);
    cmd.add("-cp");
    cmd.add(absoluteClassPath(System.getProperty("java.class.path")));
    cmd.add(LoaderMain.class.getName());
    return cmd;
  }

  /**
   * The class path with every entry made absolute: a loader runs in its own log dir, so a relative
   * entry ({@code java -jar chaos/target/redis-race-chaos.jar} gives one) would not resolve there.
   */
  static String absoluteClassPath(String classPath) {
    return Arrays.stream(classPath.split(File.pathSeparator))
        .filter(e -> !e.isEmpty())
        .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Starts a loader process reporting to the control server as {@code id}. */
  public LoaderHandle startProcess(String id, String process, History history, LoaderSpec spec) {
    return startProcess(control.register(id, process, history), spec);
  }

  /** Starts the process of a handle registered beforehand (so that its holds are set before it runs). */
  public LoaderHandle startProcess(LoaderHandle h, LoaderSpec spec) {
    return startProcess(h, spec, 0);
  }

  /**
   * The same; a black-box loader that does not opt in to step events is struck {@code strikeAfterMs}
   * after its start ({@link LoaderHandle#program}).
   */
  public LoaderHandle startProcess(LoaderHandle h, LoaderSpec spec, long strikeAfterMs) {
    String id = h.id();
    if (spec.variant() instanceof CommandLoader program) {
      h.program(program, strikeAfterMs);
      ChildProcess child = ChildProcess.start("loader " + id, program.command(Path.of("")), logDir, logDir.resolve(id + ".log"),
          program.env(spec, id, h.name(), control.address()));
      h.attach(child);
      ProgramWatch.start(h, spec, control);
      return h;
    }
    List<String> cmd = javaCommand();
    cmd.addAll(spec.args(id, control.address()));
    ChildProcess child = ChildProcess.start("loader " + id, cmd, logDir, logDir.resolve(id + ".log"), Map.of());
    h.attach(child);
    return h;
  }

  /** Runs a loader as a thread of this JVM (the unfaulted competitor), same code, own connection. */
  public LoaderHandle startThread(String id, String process, History history, LoaderSpec spec) {
    if (spec.variant() instanceof CommandLoader) {
      return startProcess(id, process, history, spec); // a program of its own is always a process
    }
    LoaderHandle h = control.register(id, process, history);
    Thread t = new Thread(() -> {
      int code;
      try (SourceTable source = SourceTable.open(spec.workload().jdbcUrl(), spec.workload().table())) {
        StepHold hold = (step, chunk, detail) -> {
          Map<String, Object> f = new LinkedHashMap<>(detail);
          f.put("loader", id);
          f.put("step", step.id());
          f.put("chunk", chunk);
          h.onEvent(new Event(id, step, chunk, f));
        };
        hold.at(Step.HELLO, -1, Map.of("pid", ProcessHandle.current().pid()));
        new Loader(spec.settings(), source, hold).run();
        code = 0;
      } catch (RuntimeException e) {
        code = LoaderMain.EXIT_FAILED;
      }
      h.threadExited(code);
    }, "loader-" + id);
    t.setDaemon(true);
    h.attach(t);
    t.start();
    return h;
  }
}
