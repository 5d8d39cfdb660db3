package io.redisrace.chaos.report;

import io.redisrace.Bundled;
import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Faults;
import io.redisrace.loader.LoaderVariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The chaos cells where the harness must find a defect, and the variant that must be exactly-once,
 * as data: {@code known-unsafe.txt} beside this class (its comments say why each cell races). Each
 * line is checked against the registered loader variants ({@link LoaderVariants}) and faults
 * ({@link Faults}) when the file is read, so that a typo fails at once with one sentence naming the
 * file, the line and the valid ids, instead of silently demanding nothing.
 */
public final class KnownUnsafe {
  /** The file beside this class. */
  public static final String FILE = "known-unsafe.txt";

  /** One known-unsafe cell: variant x fault, for trials of at least {@code minLoaders} loaders over {@code minChunks} chunks. */
  public record Cell(String variant, String fault, int minLoaders, long minChunks) {
    boolean matches(String v, String f, int loaders, long chunks) {
      return variant.equals(v) && fault.equals(f) && loaders >= minLoaders && chunks >= minChunks;
    }
  }

  private final String exactlyOnce;
  private final List<Cell> cells;

  private KnownUnsafe(String exactlyOnce, List<Cell> cells) {
    this.exactlyOnce = exactlyOnce;
    this.cells = List.copyOf(cells);
  }

  private static final class Holder {
    static final KnownUnsafe BUILT_IN = read();
  }

  private static KnownUnsafe read() {
    return parse(Bundled.text(KnownUnsafe.class, "/io/redisrace/chaos/" + FILE), FILE);
  }

  /** The committed file. */
  public static KnownUnsafe builtIn() {
    return Holder.BUILT_IN;
  }

  /** The variant that must be exactly-once in every cell ({@code fenced}). */
  public static final String EXACTLY_ONCE = builtIn().exactlyOnce();

  /** Parses the text of a known-unsafe file; {@code source} names it in errors. */
  public static KnownUnsafe parse(String text, String source) {
    Set<String> variants = LoaderVariants.all().stream().map(v -> v.id()).collect(Collectors.toSet());
    Set<String> faults = Faults.all().stream().map(f -> f.id()).collect(Collectors.toSet());
    String exactlyOnce = null;
    List<Cell> cells = new ArrayList<>();
    for (DataLine d : DataLine.of(text, source)) {
      String where = d.where();
      String line = d.line();
      String[] w = d.words();
      if (w[0].equals("exactly-once")) {
        if (w.length != 2) {
          throw new HarnessException(where + ": 'exactly-once' takes one variant, not '" + line + "'.");
        }
        exactlyOnce = checked(w[1], variants, where, "loader variant", LoaderVariants.ids());
        continue;
      }
      if (w.length < 2) {
        throw new HarnessException(where + ": write 'VARIANT FAULT [loaders>=N] [chunks>=N]', not '" + line + "'.");
      }
      String variant = checked(w[0], variants, where, "loader variant", LoaderVariants.ids());
      String fault = checked(w[1], faults, where, "fault", Faults.ids());
      int loaders = 0;
      long chunks = 0;
      for (int k = 2; k < w.length; k++) {
        if (w[k].matches("loaders>=\\d{1,3}")) {
          loaders = Integer.parseInt(w[k].substring("loaders>=".length()));
        } else if (w[k].matches("chunks>=\\d{1,9}")) {
          chunks = Long.parseLong(w[k].substring("chunks>=".length()));
        } else {
          throw new HarnessException(where + ": unknown condition '" + w[k] + "'; use loaders>=N or chunks>=N.");
        }
      }
      cells.add(new Cell(variant, fault, loaders, chunks));
    }
    if (exactlyOnce == null) {
      throw new HarnessException(source + " has no 'exactly-once VARIANT' line; name the variant that must never lose or duplicate a row.");
    }
    return new KnownUnsafe(exactlyOnce, cells);
  }

  private static String checked(String id, Set<String> valid, String where, String what, String ids) {
    if (!valid.contains(id)) {
      throw new HarnessException(where + ": unknown " + what + " '" + id + "'; use one of " + ids + ".");
    }
    return id;
  }

  public String exactlyOnce() {
    return exactlyOnce;
  }

  public List<Cell> cells() {
    return cells;
  }

  /** Whether this cell (variant x fault, with this many loaders over this many chunks per trial) must show a defect. */
  public boolean contains(String variant, String fault, int loaders, long chunks) {
    return cells.stream().anyMatch(c -> c.matches(variant, fault, loaders, chunks));
  }

  /** {@link #contains} of the committed file. */
  public static boolean knownUnsafe(String variant, String fault, int loaders, long chunks) {
    return builtIn().contains(variant, fault, loaders, chunks);
  }
}
