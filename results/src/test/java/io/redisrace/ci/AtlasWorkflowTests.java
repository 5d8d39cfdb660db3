package io.redisrace.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * .github/workflows/atlas.yml, parsed: the shard jobs are the CI's own job matrix, numbered 1..n with
 * nothing else in the matrix, each runs {@code --shard <its number>/<the job count>} and uploads its
 * run directory; the merge job needs them, downloads every shard's artifact, merges and gates.
 */
class AtlasWorkflowTests {
  static final Path WORKFLOW = Path.of("..", ".github", "workflows", "atlas.yml");

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> steps(Map<String, Object> job) {
    return (List<Map<String, Object>>) job.get("steps");
  }

  static String runs(Map<String, Object> job) {
    return String.join("\n", steps(job).stream().map(s -> String.valueOf(s.getOrDefault("run", ""))).toList());
  }

  static Map<String, Object> uses(Map<String, Object> job, String action) {
    return steps(job).stream().filter(s -> action.equals(s.get("uses"))).findFirst().orElseThrow(() -> new AssertionError("no " + action));
  }

  @Test
  void theShardsAreTheJobMatrixAndTheMergeJobJoinsThemAll() throws Exception {
    Map<String, Object> doc;
    try (Reader r = Files.newBufferedReader(WORKFLOW)) {
      doc = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(r));
    }
    Map<String, Object> jobs = map(doc.get("jobs"));
    Map<String, Object> shard = map(jobs.get("shard"));
    Map<String, Object> matrix = map(map(shard.get("strategy")).get("matrix"));
    assertThat(matrix.keySet()).as("the matrix holds the shard numbers and nothing else (no include/exclude)").containsExactly("shard");
    List<?> numbers = (List<?>) matrix.get("shard");
    int n = numbers.size();
    assertThat(n).isGreaterThanOrEqualTo(2);
    assertThat(numbers).as("shard numbers 1..n").isEqualTo(IntStream.rangeClosed(1, n).boxed().toList());
    // Each job runs shard <its number>/<job count>: with the matrix above exactly 1/n .. n/n.
    String atlas = runs(shard);
    assertThat(atlas).contains("redis-race.jar atlas").contains("--install")
        .contains("--shard \"${{ matrix.shard }}/${{ strategy.job-total }}\"")
        .contains("--run-dir \"results/atlas-shard-${{ matrix.shard }}\"");
    Map<String, Object> upload = map(uses(shard, "actions/upload-artifact@v4").get("with"));
    assertThat(upload.get("name")).isEqualTo("atlas-shard-${{ matrix.shard }}");
    assertThat(String.valueOf(upload.get("path"))).startsWith("results/atlas-shard-${{ matrix.shard }}");

    Map<String, Object> merge = map(jobs.get("merge"));
    Object needs = merge.get("needs");
    List<Object> needed = needs instanceof List<?> l ? new ArrayList<>(l) : List.of(needs);
    assertThat(needed).contains("shard");
    Map<String, Object> download = map(uses(merge, "actions/download-artifact@v4").get("with"));
    assertThat(download.get("pattern")).isEqualTo("atlas-shard-*");
    assertThat(download).doesNotContainKey("merge-multiple"); // one directory per shard
    String last = runs(merge);
    assertThat(last).contains("redis-race-report.jar merge --into results/atlas shards/atlas-shard-*")
        .contains("redis-race-report.jar report results/atlas").contains("redis-race-report.jar gate results/atlas --atlas results/atlas");
    assertThat(last.indexOf(" merge ")).isLessThan(last.indexOf(" gate "));
  }
}
