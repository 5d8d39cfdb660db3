package io.redisrace.bench;

import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.CounterVariant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Before a run: which cluster cells cannot run because their variant's operation touches keys of
 * two slots (CROSSSLOT). Each such variant is probed once per cluster server, with one operation
 * ({@link BenchCluster#crossSlot}), and its cells on that server are listed as skipped with the
 * CROSSSLOT sentence: "not run" in the report, never a failure, like multi-heal before 7.0. The
 * built-in variants touch one key each, so they are not probed, and a plan without user variants on
 * a cluster starts no cluster here.
 */
final class ClusterProbe {
  private ClusterProbe() {}

  /** {@code m} without the cluster cells whose variant is CROSSSLOT there; those are added to its skipped cells. */
  static BenchMatrix.Matrix crossSlot(BenchMatrix.Matrix m, Function<String, CounterVariant> variants) {
    Map<String, Set<String>> toProbe = new LinkedHashMap<>();
    for (BenchPlan.Cell c : m.cells()) {
      if (BenchCluster.isCluster(c.server()) && !(variants.apply(c.variant()) instanceof BuiltInVariant)) {
        toProbe.computeIfAbsent(c.server(), s -> new LinkedHashSet<>()).add(c.variant());
      }
    }
    if (toProbe.isEmpty()) {
      return m;
    }
    Map<List<String>, String> refused = new LinkedHashMap<>();
    toProbe.forEach((server, ids) -> {
      try (BenchCluster cluster = BenchCluster.start(server)) {
        for (String id : ids) {
          Optional<String> why = cluster.crossSlot(variants.apply(id), "rr:bench:" + id + ":probe");
          why.ifPresent(w -> refused.put(List.of(server, id), w));
        }
      }
    });
    List<BenchPlan.Cell> cells = new ArrayList<>();
    List<BenchMatrix.Skipped> skipped = new ArrayList<>(m.skipped());
    for (BenchPlan.Cell c : m.cells()) {
      String why = refused.get(List.of(c.server(), c.variant()));
      if (why == null) {
        cells.add(c);
      } else {
        skipped.add(new BenchMatrix.Skipped(c.id().strip(), why));
      }
    }
    return new BenchMatrix.Matrix(cells, skipped, m.versions());
  }
}
