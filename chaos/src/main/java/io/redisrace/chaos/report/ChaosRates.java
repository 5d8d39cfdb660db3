package io.redisrace.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The duplication rate of the fault-free cells, like the TTL-less rate of the counters: duplicated
 * chunks per 1,000 chunks, with a 95% Wilson interval, per variant x loaders x chunk size. A chunk
 * counts as duplicated when any of its rows is in the list more than once. Read from
 * {@code chaos.json}'s {@code cells} (fault {@code none}); rendered as Markdown tables, one per
 * chunk size, rows variants, columns loader counts. Cells of fewer than {@value #MIN_CHUNKS}
 * chunks per trial (the classic fault matrix's 3 to 5) are left out: their rates say nothing.
 */
public final class ChaosRates {

  /** One fault-free cell's rate. */
  public record Rate(String variant, int loaders, int chunkSize, int trials, long chunks, long duplicatedChunks, double per1000,
                     double low, double high) {}

  /** Chunks per trial below which a fault-free cell is not worth a rate. */
  public static final int MIN_CHUNKS = 20;

  private final List<Rate> rates;

  private ChaosRates(List<Rate> rates) {
    this.rates = rates;
  }

  public static ChaosRates from(JsonNode document) {
    List<Rate> list = new ArrayList<>();
    for (JsonNode c : document.path("cells")) {
      int chunkSize = Math.max(1, c.path("chunkSize").asInt(1));
      if ("none".equals(c.path("fault").asText()) && c.has("chunks") && (c.path("rows").asInt() + chunkSize - 1) / chunkSize >= MIN_CHUNKS) {
        list.add(new Rate(c.path("variant").asText(), c.path("loaders").asInt(1), c.path("chunkSize").asInt(), c.path("trials").asInt(),
            c.path("chunks").asLong(), c.path("duplicatedChunks").asLong(), c.path("duplicatedPer1000").asDouble(),
            c.path("duplicatedPer1000Low").asDouble(), c.path("duplicatedPer1000High").asDouble()));
      }
    }
    return new ChaosRates(list);
  }

  public List<Rate> rates() {
    return rates;
  }

  /** True when there is something to compare: at least two loader counts, or two chunk sizes. */
  public boolean worthShowing() {
    return rates.stream().map(r -> r.loaders() + "|" + r.chunkSize()).distinct().count() >= 2;
  }

  /** "12.3 [8.1-18.6]" */
  public static String format(Rate r) {
    return String.format(Locale.ROOT, "%s [%s-%s]", num(r.per1000()), num(r.low()), num(r.high()));
  }

  private static String num(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.2f", v);
  }

  /** One table per chunk size: rows variants, columns loader counts, cells rate [95% CI] and the trials. */
  public String markdown() {
    StringBuilder b = new StringBuilder();
    for (int chunk : new TreeSet<>(rates.stream().map(Rate::chunkSize).toList())) {
      List<Rate> of = rates.stream().filter(r -> r.chunkSize() == chunk).toList();
      List<Integer> loaders = new ArrayList<>(new TreeSet<>(of.stream().map(Rate::loaders).toList()));
      b.append("Duplicated chunks per 1,000 chunks [95% CI], no fault, chunks of ").append(chunk).append(":\n\n| variant |");
      loaders.forEach(n -> b.append(' ').append(n).append(n == 1 ? " loader |" : " loaders |"));
      b.append("\n|---|");
      loaders.forEach(n -> b.append("---|"));
      b.append('\n');
      for (String v : of.stream().map(Rate::variant).distinct().toList()) {
        b.append("| ").append(v).append(" |");
        for (int n : loaders) {
          b.append(of.stream().filter(r -> r.variant().equals(v) && r.loaders() == n).findFirst()
              .map(r -> " " + format(r) + " (" + r.duplicatedChunks() + " of " + r.chunks() + ") |").orElse(" |"));
        }
        b.append('\n');
      }
      b.append('\n');
    }
    return b.toString();
  }
}
