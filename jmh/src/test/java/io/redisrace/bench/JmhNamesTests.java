package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.server.Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

/**
 * jmh.json names a result by its benchmark and its params (threads are a separate field that
 * tools keying by name ignore). Every cell BenchRunner runs must have a name of its own.
 */
class JmhNamesTests {

  /** The (benchmark, params) name of every result the groups' JMH runs write. */
  static List<String> names(List<BenchMatrix.Group> groups) {
    List<String> names = new ArrayList<>();
    for (BenchMatrix.Group g : groups) {
      Options o = g.options(Path.of("unused.json"));
      Map<String, Collection<String>> params = new TreeMap<>();
      for (String p : List.of("client", "server", "variant", "ttlMs", "keys", "threads")) {
        if (o.getParameter(p).hasValue()) { // JMH's own Optional
          params.put(p, o.getParameter(p).get());
        }
      }
      List<String> variants = new ArrayList<>(params.getOrDefault("variant", List.of("")));
      params.remove("variant");
      for (String v : variants) {
        names.add(o.getIncludes() + " variant=" + v + " " + params);
      }
    }
    return names;
  }

  @Test
  void everyCellOfEveryModeHasItsOwnName() {
    for (String mode : List.of("quick", "full")) {
      for (Backend backend : List.of(Backend.EMBEDDED, Backend.DOCKER)) {
        List<BenchMatrix.Group> groups = BenchMatrix.groups(BenchMatrix.matrix(BenchPlan.builtIn(), mode, ".*", backend).cells(), backend);
        List<String> names = names(groups);
        assertThat(new HashSet<>(names)).as(mode + " on " + backend + ": every name once").hasSameSizeAs(names);
        assertThat(groups).as("PING at 1 and 4 threads in " + mode).anyMatch(g -> g.ping() && g.threads() == 4);
      }
    }
  }

  @Test
  void thePingCellCarriesItsThreadCountAsAParam() {
    List<BenchMatrix.Group> groups = BenchMatrix.groups(BenchMatrix.matrix(BenchPlan.builtIn(), "quick", ".*").cells());
    for (BenchMatrix.Group g : groups.stream().filter(BenchMatrix.Group::ping).toList()) {
      assertThat(g.options(Path.of("unused.json")).getParameter("threads").get()).containsExactly(Integer.toString(g.threads()));
    }
  }
}
