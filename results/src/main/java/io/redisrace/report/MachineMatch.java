package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Whether a run's throughput may be compared with a baseline's: only when both recorded the same
 * machine fingerprint ({@code run.json} environment.fingerprint: cpu, cores, jvm, arch; written by
 * the jmh module's MachineFingerprint). A baseline without one came from an unknown machine: it is
 * a record, not a yardstick.
 */
final class MachineMatch {
  private MachineMatch() {}

  static final String HOW_TO_GATE = "to gate throughput here, promote a baseline on this machine (mvn verify -Pbench "
      + "-Dgate.updateBaseline=true) or compare with a git ref in the same run (-Dgate.against=<ref>)";

  /** Empty when the fingerprints match; else why not, as a clause ("it records no machine fingerprint ..."). */
  static Optional<String> whyNot(RunData baseline, RunData run) {
    JsonNode b = baseline.environment().path("fingerprint");
    JsonNode r = run.environment().path("fingerprint");
    if (!b.isObject() || b.isEmpty()) {
      String cpu = baseline.environment().path("cpu").asText("");
      return Optional.of("the baseline records no machine fingerprint (an unknown machine" + (cpu.isEmpty() ? "" : ", cpu '" + cpu + "'") + ")");
    }
    if (!r.isObject() || r.isEmpty()) {
      return Optional.of("this run records no machine fingerprint");
    }
    List<String> differ = new ArrayList<>();
    TreeSet<String> fields = new TreeSet<>();
    b.fieldNames().forEachRemaining(fields::add);
    r.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      String bv = b.path(f).asText("");
      String rv = r.path(f).asText("");
      if (!bv.equals(rv)) {
        differ.add(f + ": baseline '" + bv + "', this run '" + rv + "'");
      }
    }
    return differ.isEmpty() ? Optional.empty() : Optional.of("the baseline came from another machine (" + String.join("; ", differ) + ")");
  }
}
