package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.chaos.report.ChaosGate;
import io.redisrace.chaos.report.KnownUnsafe;
import io.redisrace.report.JunitReport.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The testcases of {@code TEST-redis-race-chaos.xml} ({@link JunitReport}): one per chaos trial, and
 * in full mode one per known-unsafe cell, judged by the chaos gate's rules.
 */
final class JunitChaosCases {
  private JunitChaosCases() {}

  static final String CHAOS_CLASS = "redis-race.chaos.";

  static List<Case> cases(JsonNode doc) {
    List<Case> cases = new ArrayList<>();
    for (JsonNode t : doc.path("trials")) {
      String variant = t.path("variant").asText("?");
      String fault = t.path("fault").asText("?");
      String name = String.format(Locale.ROOT, "#%d %s x %s, %s%s", t.path("index").asInt(), variant, fault, t.path("client").asText("?"),
          t.path("loaders").asInt(1) > 1 ? ", " + t.path("loaders").asInt() + " loaders" : "");
      int lost = t.path("lost").asInt();
      int duplicated = t.path("duplicated").asInt();
      boolean complete = t.path("complete").asBoolean(true);
      String finding = finding(t, lost, duplicated, complete);
      String out = finding + "\nnote: " + t.path("note").asText("") + (t.path("faultApplied").asBoolean(true) ? "" : " (fault not applied)")
          + "\nreplay: " + t.path("replay").asText("") + "\n";
      double seconds = t.path("durationMs").asLong() / 1000.0;
      String classname = CHAOS_CLASS + variant;
      if (KnownUnsafe.EXACTLY_ONCE.equals(variant) && (lost > 0 || duplicated > 0)) {
        cases.add(Case.fail(classname, name, seconds, variant + " must be exactly-once: " + finding, "exactly-once violated", out, null));
      } else if (ChaosGate.brokenWorkload(t)) {
        cases.add(Case.fail(classname, name, seconds, "without any fault every row must load (and, with one loader, load once): "
            + finding, "workload broken", out, null));
      } else {
        int chunkSize = Math.max(1, t.path("chunkSize").asInt(1));
        String verdict = ChaosGate.knownUnsafe(t)
            ? (lost > 0 || duplicated > 0 ? "known-unsafe cell, defect found: " : "known-unsafe cell, no defect in this trial: ")
            : "";
        cases.add(Case.pass(classname, name, seconds, verdict + out));
      }
    }
    if ("full".equals(doc.path("mode").asText())) {
      for (JsonNode c : doc.path("cells")) {
        String variant = c.path("variant").asText();
        String fault = c.path("column").asText(c.path("fault").asText());
        if (!ChaosGate.knownUnsafe(c)) {
          continue;
        }
        String name = "detects " + variant + " x " + fault;
        int trials = c.path("trials").asInt();
        int found = Math.max(c.path("withLoss").asInt(), c.path("withDuplication").asInt());
        if (c.path("withLoss").asInt() == 0 && c.path("withDuplication").asInt() == 0) {
          cases.add(Case.fail(CHAOS_CLASS + "detection", name, 0, "no defect in " + trials
              + " trials of a known-unsafe cell; the harness no longer detects this race", "detection lost",
              "replay: any trial of this cell in chaos.json (trials[].replay)\n", null));
        } else {
          cases.add(Case.pass(CHAOS_CLASS + "detection", name, 0, "defect found in at least " + found + " of " + trials + " trials\n"));
        }
      }
    }
    return cases;
  }

  /** chaos.json lists at most this many lost and duplicated ids per trial (TrialRunner). */
  static final int TRIAL_ID_LIMIT = 50;

  /** Ids as ranges: 1..20, 41, 43..45. */
  static String ranges(List<Long> ids) {
    List<Long> sorted = ids.stream().sorted().toList();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < sorted.size(); ) {
      int j = i;
      while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
        j++;
      }
      b.append(b.length() > 0 ? ", " : "").append(sorted.get(i)).append(j > i ? ".." + sorted.get(j) : "");
      i = j + 1;
    }
    return b.toString();
  }

  static String finding(JsonNode t, int lost, int duplicated, boolean complete) {
    if (lost == 0 && duplicated == 0) {
      return "exactly-once: " + t.path("read").asLong() + " of " + t.path("rows").asLong() + " rows, none lost or duplicated"
          + (complete ? "" : " (incomplete: not every chunk loaded before the bound)");
    }
    StringBuilder sb = new StringBuilder();
    sb.append(lost).append(" rows lost, ").append(duplicated).append(" surplus copies (").append(t.path("read").asLong())
        .append(" read back of ").append(t.path("rows").asLong()).append(" rows)");
    if (lost > 0) {
      List<Long> ids = new ArrayList<>();
      t.path("lostIds").forEach(id -> ids.add(id.asLong()));
      sb.append("; lost ids ").append(ids.size() < lost ? "(first " + ids.size() + " of " + lost + ": " + ranges(ids) + ")" : ranges(ids));
    }
    if (duplicated > 0) {
      List<Long> ids = new ArrayList<>();
      Set<Integer> copies = new TreeSet<>();
      t.path("duplicatedIds").fields().forEachRemaining(e -> {
        ids.add(Long.parseLong(e.getKey()));
        copies.add(e.getValue().asInt());
      });
      // chaos.json keeps the first 50 duplicated ids only: say so, or 60 copies over "1..50" reads as a contradiction
      sb.append("; duplicated ids ").append(ids.size() >= TRIAL_ID_LIMIT ? "(first " + ids.size() + ": " + ranges(ids) + ")" : ranges(ids))
          .append(copies.size() == 1 ? ", " + copies.iterator().next() + " copies each" : ", copies " + t.path("duplicatedIds"));
    }
    if (t.path("ackedButLost").size() > 0) {
      sb.append("; acknowledged but lost chunks ").append(t.path("ackedButLost"));
    }
    return sb.toString();
  }
}
