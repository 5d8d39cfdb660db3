package io.redisrace.chaos.report;

import io.redisrace.loader.LoaderVariants;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of the heat table as loaders: each row's program ({@code java} for the harness's own
 * variants, the program of a {@code --loader-cmd} loader, {@code python3 seed_fenced.py}, as
 * chaos.json's {@code loaders} records it), and the
 * order that puts a loader's versions in other languages right under it. A loader is a version of
 * the row {@code V} when its name ends with {@code -V} ({@code py-fenced}, {@code node-fenced} under
 * {@code fenced}; the longest such row wins); the others keep their order.
 */
public final class LoaderRows {
  /** The program of the harness's own loader variants. */
  public static final String JAVA = "java";

  private LoaderRows() {}

  /** The program of a row from chaos.json's {@code loaders}; without it, {@code java} for a registered variant. */
  public static String program(String variant, Map<String, String> recorded) {
    String p = recorded.get(variant);
    if (p != null) {
      return p;
    }
    return LoaderVariants.byId(variant).isPresent() ? JAVA : "your program";
  }

  /** The rows in table order: each row, then the rows that are its versions (in their own order). */
  public static List<String> order(List<String> rows) {
    Map<String, List<String>> under = new LinkedHashMap<>();
    rows.forEach(r -> under.put(r, new ArrayList<>()));
    List<String> top = new ArrayList<>();
    for (String r : rows) {
      String base = baseOf(r, rows);
      if (base == null) {
        top.add(r);
      } else {
        under.get(base).add(r);
      }
    }
    List<String> out = new ArrayList<>();
    top.forEach(r -> add(r, under, out));
    return out;
  }

  private static void add(String row, Map<String, List<String>> under, List<String> out) {
    out.add(row);
    under.get(row).forEach(r -> add(r, under, out));
  }

  /** The longest other row {@code V} such that {@code row} ends with {@code -V}; null when none. */
  static String baseOf(String row, List<String> rows) {
    String best = null;
    for (String v : rows) {
      if (!v.equals(row) && row.endsWith("-" + v) && (best == null || v.length() > best.length())) {
        best = v;
      }
    }
    return best;
  }
}
