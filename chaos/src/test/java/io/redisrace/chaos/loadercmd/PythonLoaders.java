package io.redisrace.chaos.loadercmd;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.loader.Step;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The example Python loaders of examples/loaders/python as black-box loaders. They need python3 and
 * the pinned redis-py (and, for server sources, PyMySQL and psycopg) in examples/loaders/python/.deps ({@code bash examples/loaders/python/install.sh},
 * which .ci/run runs): without them the tests are skipped with that sentence, but never in CI.
 */
final class PythonLoaders {
  static final Path DIR = Path.of("..", "examples", "loaders", "python").toAbsolutePath().normalize();

  private PythonLoaders() {}

  /** The loader {@code seed_step3.py} (etc.) reporting {@code steps} before its commit. */
  static CommandLoader loader(String file, boolean marks, Step... steps) {
    return new CommandLoader(file.replace('_', '-').replace(".py", ""), "python3 " + DIR.resolve(file), List.of(steps), marks);
  }

  /** Skips the test (fails it under CI=true) unless python3 imports redis-py and {@code modules} from .deps. */
  static void assumeInstalled(String... modules) throws Exception {
    String imports = String.join(", ", Stream.concat(Stream.of("redis"), Arrays.stream(modules)).toList());
    Process p = new ProcessBuilder("python3", "-c", "import sys; sys.path.insert(0, '" + DIR.resolve(".deps") + "'); import " + imports)
        .redirectErrorStream(true).start();
    boolean ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    String why = "python3 with " + imports + " in " + DIR.resolve(".deps") + " (run: bash examples/loaders/python/install.sh)";
    if ("true".equals(System.getenv("CI"))) {
      assertThat(ok).as(why).isTrue();
    }
    Assumptions.assumeTrue(ok, why);
  }
}
