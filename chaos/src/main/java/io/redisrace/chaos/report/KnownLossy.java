package io.redisrace.chaos.report;

import io.redisrace.Bundled;
import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Sentinel and cluster cells where an acknowledged write must be lost, as data:
 * {@code known-lossy.txt} beside {@link KnownUnsafe}'s file (its comments say why each cell loses).
 * A cell is keyed by its fault's id, which names the topology too (the ids of the Sentinel and the
 * cluster faults are distinct). Checked against the registered variants and the faults of
 * {@code --topology sentinel} and {@code cluster} when read.
 */
public final class KnownLossy {
  public static final String FILE = "known-lossy.txt";

  /** One cell; {@code variant} "*" is every variant, {@code persistence} null every mode. */
  public record Cell(String variant, String fault, String persistence, int minReplicasToWrite) {
    boolean matches(String v, String f, String p, int minReplicas) {
      return (variant.equals("*") || variant.equals(v)) && fault.equals(f) && (persistence == null || persistence.equals(p))
          && minReplicasToWrite == minReplicas;
    }
  }

  private final List<Cell> cells;

  private KnownLossy(List<Cell> cells) {
    this.cells = List.copyOf(cells);
  }

  private static final class Holder {
    static final KnownLossy BUILT_IN = parse(Bundled.text(KnownLossy.class, "/io/redisrace/chaos/" + FILE), FILE);
  }

  public static KnownLossy builtIn() {
    return Holder.BUILT_IN;
  }

  /** Parses the text of a known-lossy file; {@code source} names it in errors. */
  public static KnownLossy parse(String text, String source) {
    Set<String> variants = LoaderVariants.all().stream().map(v -> v.id()).collect(Collectors.toSet());
    List<Fault> all = new ArrayList<>(Faults.forTopology(Topology.SENTINEL));
    all.addAll(Faults.topologyFaults(Topology.CLUSTER));
    Set<String> faults = all.stream().map(Fault::id).collect(Collectors.toSet());
    List<Cell> cells = new ArrayList<>();
    for (DataLine d : DataLine.of(text, source)) {
      String where = d.where();
      String line = d.line();
      String[] w = d.words();
      if (w.length < 2) {
        throw new HarnessException(where + ": write 'VARIANT|* FAULT [persistence=MODE] [min-replicas-to-write=N]', not '" + line + "'.");
      }
      if (!w[0].equals("*") && !variants.contains(w[0])) {
        throw new HarnessException(where + ": unknown loader variant '" + w[0] + "'; use * or one of " + LoaderVariants.ids() + ".");
      }
      if (!faults.contains(w[1])) {
        throw new HarnessException(where + ": unknown fault '" + w[1] + "'; use one of " + String.join(", ", faults) + ".");
      }
      String persistence = null;
      int minReplicas = 0;
      for (int k = 2; k < w.length; k++) {
        if (w[k].startsWith("persistence=")) {
          persistence = Persistence.parse(w[k].substring("persistence=".length())).id();
        } else if (w[k].matches("min-replicas-to-write=[0-2]")) {
          minReplicas = Integer.parseInt(w[k].substring(w[k].indexOf('=') + 1));
        } else {
          throw new HarnessException(where + ": unknown condition '" + w[k] + "'; use persistence=MODE or min-replicas-to-write=N.");
        }
      }
      cells.add(new Cell(w[0], w[1], persistence, minReplicas));
    }
    return new KnownLossy(cells);
  }

  public List<Cell> cells() {
    return cells;
  }

  /** Whether this cell of a Sentinel run (with this persistence and min-replicas-to-write) must lose an acknowledged write. */
  public boolean contains(String variant, String fault, String persistence, int minReplicasToWrite) {
    return cells.stream().anyMatch(c -> c.matches(variant, fault, persistence, minReplicasToWrite));
  }
}
