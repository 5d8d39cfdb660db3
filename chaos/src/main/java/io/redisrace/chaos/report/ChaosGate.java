package io.redisrace.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The correctness gate of a chaos run, a hard gate (no noise model: one defect is a defect):
 *
 * <ol>
 *   <li><b>exactly-once</b>: any trial of {@link KnownUnsafe#EXACTLY_ONCE} with a lost or
 *       duplicated row fails, in every mode, with any number of loaders and any fault;</li>
 *   <li><b>detection power</b>: in {@code full} mode, a known-unsafe cell ({@link KnownUnsafe}, known-unsafe.txt:
 *       a fault that provokes a known race, or fault-free concurrency of a variant that races
 *       under it) with no trial showing loss or duplication fails: the harness no longer detects
 *       a race it must detect;</li>
 *   <li><b>sound workload</b>, in every mode: a fault-free trial that lost a row or did not
 *       complete fails, whatever the variant and the number of loaders (no fault and no
 *       concurrency can make a loader skip rows; loaders that cannot start or reach Redis can);
 *       and a fault-free trial with a <em>single</em> loader that duplicated a row fails (one
 *       loader alone, with nothing going wrong, must load each row once). Without this rule a
 *       run whose loaders all died at once would pass: fenced would have lost nothing because it
 *       never loaded anything. Duplicates of fault-free trials with several loaders are no
 *       workload failure: they are the concurrency races of plain, bitmap and client-name-lock,
 *       which rule 2 demands and rule 1 forbids for fenced.</li>
 *   <li><b>loss detection</b>, in {@code full} mode on {@code --topology sentinel} or {@code cluster}: a known-lossy
 *       cell ({@link KnownLossy}, known-lossy.txt: the split brain, the empty restart) in which no
 *       trial lost an acknowledged write (at the end or at the heal) fails.</li>
 * </ol>
 * {@link #evaluate} returns one sentence per failure; empty means pass.
 */
public final class ChaosGate {
  private ChaosGate() {}

  /** Rule 3 for one trial record: fault-free, and a row lost, the load incomplete, or a lone loader's duplicate. */
  public static boolean brokenWorkload(JsonNode trial) {
    if (!"none".equals(trial.path("fault").asText())) {
      return false;
    }
    boolean incomplete = !trial.path("complete").asBoolean(true) || trial.path("lost").asInt() > 0;
    boolean aloneDuplicated = trial.path("loaders").asInt(1) == 1 && trial.path("duplicated").asInt() > 0;
    return incomplete || aloneDuplicated;
  }

  /** Whether a cell of chaos.json is one where the harness must find a defect (rule 2). */
  public static boolean knownUnsafe(JsonNode cell) {
    int chunkSize = Math.max(1, cell.path("chunkSize").asInt(1));
    long chunks = (cell.path("rows").asLong(0) + chunkSize - 1) / chunkSize;
    return KnownUnsafe.knownUnsafe(cell.path("variant").asText(), cell.path("fault").asText(), cell.path("loaders").asInt(1), chunks);
  }

  public static List<String> evaluate(JsonNode document) {
    return evaluate(document, KnownLossy.builtIn());
  }

  /** {@link #evaluate(JsonNode)} with the known-lossy cells of {@code lossy} (rule 4). */
  public static List<String> evaluate(JsonNode document, KnownLossy lossy) {
    List<String> failures = new ArrayList<>();
    boolean full = "full".equals(document.path("mode").asText());
    JsonNode server = document.path("server");
    String topology = server.path("topology").asText("single");
    boolean replicated = topology.equals("sentinel") || topology.equals("cluster");
    for (JsonNode c : document.path("cells")) {
      String variant = c.path("variant").asText();
      String fault = c.path("fault").asText();
      String cell = variant + " x " + c.path("column").asText(fault);
      int loss = c.path("withLoss").asInt();
      int dup = c.path("withDuplication").asInt();
      int trials = c.path("trials").asInt();
      if (KnownUnsafe.EXACTLY_ONCE.equals(variant) && (loss > 0 || dup > 0)) { // the final list, after every re-run
        failures.add(cell + ": " + loss + " of " + trials + " trials lost rows and " + dup
            + " duplicated rows, but " + variant + " must be exactly-once.");
      }
      if (full && knownUnsafe(c) && loss == 0 && dup == 0) {
        failures.add(cell + ": no defect in " + trials
            + " trials of a known-unsafe cell; the harness no longer detects this race.");
      }
      String persistence = server.path("persistence").asText("none");
      if (full && replicated && c.path("withAckedLoss").asInt() == 0
          && lossy.contains(variant, fault, persistence, server.path("minReplicasToWrite").asInt())) {
        failures.add(cell + " (persistence " + persistence + "): no acknowledged write lost in " + trials
            + " trials of a known-lossy cell; the harness no longer detects this loss.");
      }
    }
    Set<String> broken = new TreeSet<>();
    for (JsonNode t : document.path("trials")) {
      if (brokenWorkload(t)) {
        broken.add(t.path("variant").asText() + " x " + t.path("client").asText()
            + (t.path("loaders").asInt(1) > 1 ? " (" + t.path("loaders").asInt() + " loaders)" : ""));
      }
    }
    if (!broken.isEmpty()) {
      failures.add("Without any fault the workload did not load every row (or, with one loader, loaded one twice): "
          + String.join(", ", broken) + "; the loaders cannot run here, so this run proves nothing - see the trials' histories.");
    }
    return failures;
  }
}
