package io.redisrace.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The correctness gate of a chaos run, a hard gate (no noise model: one defect is a defect):
 *
 * <ol>
 *   <li>any trial of {@value Expectations#EXACTLY_ONCE} with a lost or duplicated row fails, in
 *       every mode;</li>
 *   <li>in {@code full} mode, a known-unsafe cell ({@link Expectations}) with no trial showing loss
 *       or duplication fails: the harness no longer detects a race it must detect;</li>
 *   <li>in every mode, a fault-free trial ({@code none}) of any variant that did not load every row
 *       exactly once fails: without faults every variant works, so the workload itself is broken
 *       (loaders that cannot start or reach Redis) and the run cannot judge anything. Without this
 *       rule a run whose loaders all died at once would "pass": fenced would have lost nothing
 *       because it never loaded anything.</li>
 * </ol>
 * {@link #evaluate} returns one sentence per failure; empty means pass.
 */
public final class ChaosGate {
  private ChaosGate() {}

  public static List<String> evaluate(JsonNode document) {
    List<String> failures = new ArrayList<>();
    boolean full = "full".equals(document.path("mode").asText());
    for (JsonNode c : document.path("cells")) {
      String variant = c.path("variant").asText();
      String fault = c.path("fault").asText();
      int loss = c.path("withLoss").asInt();
      int dup = c.path("withDuplication").asInt();
      int trials = c.path("trials").asInt();
      if (Expectations.EXACTLY_ONCE.equals(variant) && (loss > 0 || dup > 0)) {
        failures.add(variant + " x " + fault + ": " + loss + " of " + trials + " trials lost rows and " + dup
            + " duplicated rows, but " + variant + " must be exactly-once.");
      }
      if (full && Expectations.knownUnsafe(variant, fault) && loss == 0 && dup == 0) {
        failures.add(variant + " x " + fault + ": no defect in " + trials
            + " trials of a known-unsafe cell; the harness no longer detects this race.");
      }
    }
    java.util.Set<String> brokenBaseline = new java.util.TreeSet<>();
    for (JsonNode t : document.path("trials")) {
      if ("none".equals(t.path("fault").asText())
          && (!t.path("complete").asBoolean(true) || t.path("lost").asInt() > 0 || t.path("duplicated").asInt() > 0)) {
        brokenBaseline.add(t.path("variant").asText() + " x " + t.path("client").asText());
      }
    }
    if (!brokenBaseline.isEmpty()) {
      failures.add("Without any fault the workload did not load every row exactly once (" + String.join(", ", brokenBaseline)
          + "); the loaders cannot run here, so this run proves nothing - see the trials' histories.");
    }
    return failures;
  }
}
