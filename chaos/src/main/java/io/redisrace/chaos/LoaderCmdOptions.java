package io.redisrace.chaos;

import io.redisrace.HarnessException;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.loader.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The black-box loaders of {@code run} and {@code trial} (docs/your-loader.md): each
 * {@code --loader-cmd} is one more loader variant, named by the {@code --loader-name} at the same
 * position (default: its program's file name), with the {@code --loader-steps} and
 * {@code --loader-marks} at that position.
 */
final class LoaderCmdOptions {
  @Option(names = "--loader-cmd", paramLabel = "'COMMAND LINE'",
      description = "Run this program as a loader (A, the competitors and the restarts), e.g. 'python3 examples/loaders/python/seed_step3.py'. Repeatable.")
  List<String> commands = new ArrayList<>();
  @Option(names = "--loader-name", paramLabel = "NAME", description = "Name (row label) of the --loader-cmd at the same position (default: the program's file name).")
  List<String> names = new ArrayList<>();
  @Option(names = "--loader-steps", paramLabel = "STEP[,STEP...]|none",
      description = "The steps that --loader-cmd reports before its commit, ending with rows-read (e.g. bit-checked,lock-taken,rows-read): "
          + "it opts in to step events. Default none: faults strike it at a seeded time.")
  List<String> steps = new ArrayList<>();
  @Option(names = "--loader-marks", paramLabel = "true|false", arity = "1",
      description = "Whether --loader-cmd marks finished chunks in the done bitmap (default true).")
  List<Boolean> marks = new ArrayList<>();

  List<CommandLoader> programs() {
    if (names.size() > commands.size() || steps.size() > commands.size() || marks.size() > commands.size()) {
      throw new HarnessException("Give --loader-name, --loader-steps and --loader-marks at most once per --loader-cmd.");
    }
    List<CommandLoader> all = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      String name = i < names.size() ? names.get(i) : CommandLoader.defaultName(commands.get(i));
      if (LoaderVariants.byId(name).isPresent() || all.stream().anyMatch(c -> c.id().equals(name))) {
        throw new HarnessException("--loader-name " + name + " is taken; give each --loader-cmd a name of its own.");
      }
      all.add(new CommandLoader(name, commands.get(i), i < steps.size() ? steps(steps.get(i)) : List.of(), i >= marks.size() || marks.get(i)));
    }
    return all;
  }

  private static List<Step> steps(String csv) {
    if (csv.equals("none")) {
      return List.of();
    }
    return Arrays.stream(csv.split(",")).map(String::trim).map(s -> Step.byId(s).orElseThrow(() -> new HarnessException(
        "--loader-steps takes steps like bit-checked,lock-taken,rows-read, not '" + s + "'."))).toList();
  }

  /** A built-in variant or one of these loaders, by id. */
  LoaderVariant variant(String id) {
    Optional<CommandLoader> p = programs().stream().filter(c -> c.id().equals(id)).findFirst();
    return p.isPresent() ? p.get() : LoaderVariants.parse(id);
  }

  /** {@code --variants} (default: all built-ins, or none when a --loader-cmd is given) and then every --loader-cmd. */
  List<LoaderVariant> variants(String csv) {
    List<CommandLoader> programs = programs();
    List<LoaderVariant> all = new ArrayList<>("all".equals(csv) ? LoaderVariants.all()
        : ChaosOptions.list(csv, this::variant, programs.isEmpty() ? LoaderVariants.all() : List.of()));
    programs.stream().filter(p -> !all.contains(p)).forEach(all::add);
    return List.copyOf(all);
  }
}
