package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import io.redisrace.stats.AbVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The gate's reading of {@code ab.json}, the same-run A/B comparison that the jmh module's AbRunner
 * writes into the run directory when {@code -Dgate.against=<git ref>} is set: per cell, the
 * per-fork scores of the reference (A) and of this revision (B), measured interleaved on this
 * machine. The verdict is recomputed here from those scores ({@link AbVerdict}: Mann-Whitney U
 * and a minimum effect, direction by unit), so the file carries data, not opinions.
 */
final class AbGate {
  private AbGate() {}

  static final String FILE = RunDir.AB;

  record Judged(List<BenchGate.Finding> findings, List<String> notes, String line) {}

  static Optional<Judged> judge(RunData run) {
    Optional<JsonNode> file = run.file(FILE);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    JsonNode ab = file.get();
    double alpha = ab.path("alpha").asDouble(AbVerdict.DEFAULT_ALPHA);
    double minEffect = ab.path("minEffect").asDouble(AbVerdict.DEFAULT_MIN_EFFECT);
    String ref = ab.path("reference").path("ref").asText("?");
    String commit = ab.path("reference").path("commit").asText("");
    String shortRef = ref + (commit.length() >= 7 ? " (" + commit.substring(0, 7) + ")" : "");
    List<BenchGate.Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int slower = 0;
    int faster = 0;
    int same = 0;
    List<JsonNode> cells = new ArrayList<>();
    ab.path("cells").forEach(cells::add);
    List<AbVerdict> verdicts = AbVerdict.judgeAll(cells.stream().map(c -> values(c.path("a"))).toList(),
        cells.stream().map(c -> values(c.path("b"))).toList(), cells.stream().map(c -> c.path("higherIsBetter").asBoolean(true)).toList(),
        alpha, minEffect);
    for (int i = 0; i < cells.size(); i++) {
      JsonNode c = cells.get(i);
      CellKey key = new CellKey(c.path("kind").asText(), c.path("variant").asText(), c.path("client").asText(), c.path("server").asText(),
          c.path("ttlMs").asLong(), c.path("keys").asInt(), c.path("threads").asInt());
      AbVerdict v = verdicts.get(i);
      String unit = c.path("unit").asText("");
      switch (v.outcome()) {
        case SLOWER -> {
          slower++;
          findings.add(new BenchGate.Finding(BenchGate.Rule.AB_REGRESSION, key,
              String.format(Locale.ROOT, "A %s: median %.1f %s of %d forks", shortRef, v.medianA(), unit, v.forksA()),
              String.format(Locale.ROOT, "B: median %.1f %s of %d forks", v.medianB(), unit, v.forksB()), v.why(), false));
        }
        case FASTER -> faster++;
        case SAME -> same++;
        case NOT_COMPARED -> notes.add(key.id() + ": A/B not compared: " + v.why() + ".");
      }
    }
    ab.path("failures").forEach(f -> notes.add("A/B: " + f.asText()));
    String line = String.format(Locale.ROOT,
        "Throughput gated A/B against %s in this run: %d cells, %d slower, %d faster, %d unchanged (Mann-Whitney U, Holm-corrected to a "
            + "false-alarm rate of %s per run, and a change of at least %.0f%%; forks interleaved on this machine)", shortRef, slower + faster + same, slower, faster, same,
        alpha, minEffect * 100);
    return Optional.of(new Judged(findings, notes, line));
  }

  private static double[] values(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asDouble();
    }
    return v;
  }
}
