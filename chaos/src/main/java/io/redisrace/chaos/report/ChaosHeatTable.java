package io.redisrace.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The heat table of a chaos run: rows = loader variants (a loader's versions in other languages
 * right under it, with a program column: {@code java}, {@code python3 seed_fenced.py}; see
 * {@link LoaderRows}), columns = faults (and, for the fault-free
 * concurrency cells, the loader count: "none ×4" is 4 loaders, chunks of 10), each cell
 * "trials with loss / trials with duplication" out of its trials. Rendered as a Markdown table
 * (CI job summary) and as a self-contained HTML fragment (no script, inline styles) for the
 * report: green when clean, red when a defect was found, amber outline on a known-unsafe cell
 * that stayed clean.
 *
 * <pre>{@code
 * JsonNode doc = new ObjectMapper().readTree(path.toFile());
 * String md = ChaosHeatTable.from(doc).markdown();
 * String html = ChaosHeatTable.from(doc).html();
 * }</pre>
 */
public final class ChaosHeatTable {

  /** One cell as read from {@code chaos.json}'s {@code cells}. */
  /** {@code fault}: the column, a fault id or, for a concurrency cell, the fault and its shape ("none ×4"). */
  /** {@code notApplied}: trials whose fault did not strike (chaos.json's {@code faultNotApplied}): no evidence either way. */
  public record Cell(String variant, String fault, int trials, int withLoss, int withDuplication, boolean expectedUnsafe, int notApplied) {
    public Cell(String variant, String fault, int trials, int withLoss, int withDuplication, boolean expectedUnsafe) {
      this(variant, fault, trials, withLoss, withDuplication, expectedUnsafe, 0);
    }

    public boolean defect() {
      return withLoss > 0 || withDuplication > 0;
    }

    /** Clean, but no trial of it was struck: nothing was shown. */
    public boolean noEvidence() {
      return !defect() && trials > 0 && notApplied >= trials;
    }

    String notAppliedText() {
      return notApplied == 0 ? "" : ", " + notApplied + " not applied";
    }
  }

  private final List<String> variants;
  private final List<String> faults;
  private final Map<String, Cell> cells;
  private final Map<String, String> programs;

  private ChaosHeatTable(List<String> variants, List<String> faults, Map<String, Cell> cells, Map<String, String> programs) {
    this.variants = variants;
    this.faults = faults;
    this.cells = cells;
    this.programs = programs;
  }

  /** Reads the {@code cells} array of a chaos.json document, and the programs of its {@code loaders}. */
  public static ChaosHeatTable from(JsonNode document) {
    List<Cell> list = new ArrayList<>();
    for (JsonNode c : document.path("cells")) {
      list.add(new Cell(c.path("variant").asText(), c.path("column").asText(c.path("fault").asText()), c.path("trials").asInt(),
          c.path("withLoss").asInt(), c.path("withDuplication").asInt(), c.path("expectedUnsafe").asBoolean(),
          c.path("faultNotApplied").asInt()));
    }
    Map<String, String> programs = new LinkedHashMap<>();
    document.path("loaders").forEach(l -> programs.put(l.path("id").asText(), l.path("program").asText()));
    return of(list, programs);
  }

  public static ChaosHeatTable of(List<Cell> list) {
    return of(list, Map.of());
  }

  /**
   * The table of {@code list}: rows in their first order, each followed by its versions in other
   * languages ({@link LoaderRows#order}); {@code programs} (variant id to program) for the
   * program column, which the table has when a row is not one of the harness's own Java variants.
   */
  public static ChaosHeatTable of(List<Cell> list, Map<String, String> programs) {
    Set<String> variants = new LinkedHashSet<>();
    Set<String> faults = new LinkedHashSet<>();
    Map<String, Cell> cells = new LinkedHashMap<>();
    for (Cell c : list) {
      variants.add(c.variant());
      faults.add(c.fault());
      cells.put(c.variant() + "|" + c.fault(), c);
    }
    List<String> rows = LoaderRows.order(List.copyOf(variants));
    Map<String, String> shown = new LinkedHashMap<>();
    rows.forEach(v -> shown.put(v, LoaderRows.program(v, programs)));
    boolean mixed = shown.values().stream().anyMatch(p -> !p.equals(LoaderRows.JAVA));
    return new ChaosHeatTable(rows, List.copyOf(faults), cells, mixed ? shown : Map.of());
  }

  /** The rows, in table order. */
  public List<String> variants() {
    return variants;
  }

  public List<Cell> cells() {
    return List.copyOf(cells.values());
  }

  /** Markdown: one row per variant, one column per fault, cells "loss / dup (of n)". */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("| variant \\ fault |").append(programs.isEmpty() ? "" : " program |");
    faults.forEach(f -> b.append(' ').append(f).append(" |"));
    b.append('\n').append("|---|").append(programs.isEmpty() ? "" : "---|");
    faults.forEach(f -> b.append("---|"));
    b.append('\n');
    for (String v : variants) {
      b.append("| ").append(v).append(" |");
      if (!programs.isEmpty()) {
        b.append(' ').append(programs.get(v)).append(" |");
      }
      for (String f : faults) {
        Cell c = cells.get(v + "|" + f);
        if (c == null) {
          b.append(" |");
          continue;
        }
        String text = c.withLoss() + " / " + c.withDuplication() + " of " + c.trials() + c.notAppliedText();
        b.append(' ').append(c.defect() ? "**" + text + "**" : text).append(c.expectedUnsafe() ? " ⚑" : "").append(" |");
      }
      b.append('\n');
    }
    b.append("\nCells: trials with lost rows / trials with duplicated rows, of all trials of the cell. ")
        .append("⚑ = known-unsafe cell: the harness must find a defect there.")
        .append(cells.values().stream().anyMatch(c -> c.notApplied() > 0)
            ? " \"N not applied\": trials whose fault did not strike (a limit_data that cut nothing, say): no evidence for the cell." : "")
        .append('\n');
    return b.toString();
  }

  /** A self-contained HTML fragment (a table with inline styles). */
  public String html() {
    StringBuilder b = new StringBuilder();
    b.append("<table class=\"chaos-heat\" style=\"border-collapse:collapse;font:13px sans-serif\">\n<thead><tr><th style=\"")
        .append(TH).append("\">variant \\ fault</th>");
    if (!programs.isEmpty()) {
      b.append("<th style=\"").append(TH).append("\">program</th>");
    }
    faults.forEach(f -> b.append("<th style=\"").append(TH).append("\">").append(escape(f)).append("</th>"));
    b.append("</tr></thead>\n<tbody>\n");
    for (String v : variants) {
      b.append("<tr><th style=\"").append(TH).append("text-align:left\">").append(escape(v)).append("</th>");
      if (!programs.isEmpty()) {
        b.append("<td style=\"").append(TD).append("text-align:left;font-family:monospace\">").append(escape(programs.get(v))).append("</td>");
      }
      for (String f : faults) {
        Cell c = cells.get(v + "|" + f);
        if (c == null) {
          b.append("<td style=\"").append(TD).append("\"></td>");
          continue;
        }
        String bg = c.defect() ? "#f4b6b6" : c.noEvidence() ? "#e4e4e4" : "#c9ecc9";
        String border = !c.defect() && c.expectedUnsafe() ? "2px solid #e0a000" : "1px solid #999";
        b.append("<td title=\"").append(c.trials()).append(" trials; lost in ").append(c.withLoss())
            .append(", duplicated in ").append(c.withDuplication()).append(c.expectedUnsafe() ? "; known unsafe" : "")
            .append(c.notApplied() == 0 ? "" : "; fault not applied in " + c.notApplied())
            .append("\" style=\"").append(TD).append("background:").append(bg).append(";border:").append(border).append("\">")
            .append(c.withLoss()).append(" / ").append(c.withDuplication())
            .append(c.notApplied() == 0 ? "" : "<br><small>" + c.notApplied() + " not applied</small>").append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</tbody>\n<caption style=\"caption-side:bottom;text-align:left;padding-top:4px\">")
        .append("trials with lost rows / trials with duplicated rows; red: defect found; amber outline: known-unsafe cell where none was found")
        .append(cells.values().stream().anyMatch(c -> c.notApplied() > 0) ? "; grey: no trial of the cell was struck (not applied)" : "")
        .append("</caption>\n</table>\n");
    return b.toString();
  }

  private static final String TH = "border:1px solid #999;padding:3px 6px;background:#eee;";
  private static final String TD = "padding:3px 6px;text-align:center;";

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
