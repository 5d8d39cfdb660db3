package io.redisrace.bench;

import io.redisrace.command.BackendOption;
import io.redisrace.server.Backend;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options {@link AbRunner} and {@link NoiseCheck} share: the plan and mode compared, the forks and thresholds of the test, the backend. */
final class AbOptions {

  @Option(names = "--mode", defaultValue = "quick", description = "Plan mode whose cells are compared.")
  String mode;

  @Option(names = "--plan", description = "A plan file instead of the built-in bench-plan.txt.")
  Path plan;

  @Option(names = "--forks", defaultValue = "6", description = "Forks per side and cell (at least 4 for p < 0.05 to be reachable).")
  int forks;

  @Option(names = "--alpha", defaultValue = "0.05", description = "Significance level of the Mann-Whitney U test.")
  double alpha;

  @Option(names = "--min-effect", defaultValue = "0.05", description = "Smallest change of the median that counts, as a fraction.")
  double minEffect;

  @Mixin BackendOption backendOption;

  /** The checked forks, alpha and minimum effect. */
  AbRunner.Settings settings() {
    return AbRunner.settings(forks, alpha, minEffect);
  }

  Backend backend() {
    return backendOption.backend();
  }

  /** The cells of the mode that match {@code include} and that their server can run on the backend. */
  List<BenchPlan.Cell> cells(String include) {
    return AbRunner.cells(plan, mode, include, backend());
  }
}
