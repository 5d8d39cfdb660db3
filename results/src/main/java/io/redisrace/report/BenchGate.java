package io.redisrace.report;

import io.redisrace.HarnessException;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The regression gate. Compares a run with a baseline (or any earlier run) and with the committed
 * expectations, and finds:
 * <ol>
 *   <li>{@link Rule#THROUGHPUT}: a normalised throughput (score / PING score of the same run) that
 *       dropped more than {@code threshold} (default 20%) AND by more than the combined error of
 *       both runs (95% half-widths from the iterations, added in quadrature). Both conditions: a
 *       big drop inside the noise is noise; a significant 3% drop is not worth a red build.</li>
 *   <li>{@link Rule#NEW_TTL_LESS}: a TTL-less key in a cell that the expectations mark
 *       {@code clean}, or, where they say nothing, that the baseline ran without any.</li>
 *   <li>{@link Rule#LOST_DETECTION}: no TTL-less key in a cell that the expectations mark
 *       {@code must-race} (naive with a short TTL on one key; multi on 2.8 in the 1 ms race hunt):
 *       the harness no longer finds a bug that it is known to find.</li>
 * </ol>
 * The run's version atlas, if it has one, is held to the same expectations cell by cell ({@link AtlasGate}).
 * Correctness findings come from counts, never from timing; throughput findings need a noise model
 * first. Cells missing from either side are listed as notes, not failures.
 */
public final class BenchGate {

  public enum Rule {
    THROUGHPUT("throughput regression"),
    NEW_TTL_LESS("new TTL-less keys"),
    LOST_DETECTION("known race not detected"),
    AB_REGRESSION("A/B regression");

    private final String title;

    Rule(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }

    /** True for the rules that come from the expectations file rather than the baseline. */
    boolean correctness() {
      return this != THROUGHPUT;
    }
  }

  /** One failed check. {@code fromExpectations}: the committed file, not the baseline, demanded it. */
  public record Finding(Rule rule, CellKey cell, String baseline, String run, String why, boolean fromExpectations) {}

  /** Everything the gate found. */
  /**
   * @param otherBackend when the baseline ran on another backend than the run: "the baseline ran on
   *                     embedded, this run on docker" (throughput was not gated); null otherwise
   * @param throughputLine the one line that says how throughput was judged when it was not simply
   *                     against the baseline: not gated (another or an unknown machine: why, and
   *                     how to gate), or gated A/B against a git ref in this run; null otherwise
   */
  public record Result(List<Finding> findings, List<String> notes, int cellsCompared, double threshold, boolean hadBaseline,
                       String otherBackend, String throughputLine) {
    public boolean passed() {
      return findings.isEmpty();
    }

    /** Findings that a baseline promotion cannot excuse (they come from the expectations file). */
    public List<Finding> expectationFindings() {
      return findings.stream().filter(Finding::fromExpectations).toList();
    }
  }

  public static final double DEFAULT_THRESHOLD = 0.20;

  private final double threshold;
  private final BenchExpectations expectations;

  public BenchGate(double threshold, BenchExpectations expectations) {
    if (!(threshold > 0 && threshold < 1)) {
      throw new HarnessException("The gate threshold must be a fraction between 0 and 1 (0.2 = 20%), not " + threshold + ".");
    }
    this.threshold = threshold;
    this.expectations = expectations;
  }

  /** Checks {@code run}; {@code baseline} may be null (then only the expectations are checked). */
  public Result check(RunData baseline, RunData run) {
    List<Finding> findings = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int compared = 0;
    String runBackend = backendOf(run);
    String baseBackend = baseline == null ? null : backendOf(baseline);
    // Ops/s of another machine are no yardstick: compare them only when the fingerprints match.
    String otherMachine = baseline == null ? null : MachineMatch.whyNot(baseline, run).orElse(null);

    for (JmhResult r : run.counterCells()) {
      CellKey c = r.cell();
      // An embedded:<id> reference cell is the same Redis as <id>: its baseline (for correctness) is <id>'s.
      Optional<JmhResult> base = baseline == null ? Optional.empty() : baseline.find(c).or(() -> baseline.find(c.unpinned()));
      Optional<BenchExpectations.Rule> rule = expectations.rule(c);
      RateEstimate rate = r.ttlLessRate();
      if (!r.hasAuxCounters()) {
        notes.add(c.id() + ": no aux counters in the JMH JSON, correctness not checked.");
      } else if (r.ttlLess() > 0) {
        boolean cleanByFile = rule.map(x -> x.verdict() == BenchExpectations.Verdict.CLEAN).orElse(false);
        boolean cleanByBaseline = rule.isEmpty() && base.map(b -> b.hasAuxCounters() && b.ttlLess() == 0 && b.ops() > 0).orElse(false);
        if (cleanByFile || cleanByBaseline) {
          findings.add(new Finding(Rule.NEW_TTL_LESS, c,
              base.map(b -> ttlText(b.ttlLessRate())).orElse("-"), ttlText(rate),
              cleanByFile ? "expected clean: " + rule.get().why() : "the baseline had none in " + base.get().ops() + " ops", cleanByFile));
        }
      } else if (rule.map(x -> x.verdict() == BenchExpectations.Verdict.MUST_RACE).orElse(false) && r.ops() > 0) {
        findings.add(new Finding(Rule.LOST_DETECTION, c, base.map(b -> ttlText(b.ttlLessRate())).orElse("-"), ttlText(rate),
            "must race: " + rule.get().why(), true));
      }

      if (baseline == null || !r.cell().kind().equals("thrpt")) {
        continue;
      }
      if (base.isEmpty()) {
        notes.add(c.id() + ": not in the baseline.");
        continue;
      }
      if (c.pinnedEmbedded()) {
        // A docker run's reference: it is there for the same-run docker / embedded ratio. The
        // embedded run gates these cells; a few short reference iterations would only add noise.
        notes.add(c.id() + ": reference for the docker / embedded ratio, throughput not gated.");
        continue;
      }
      if (!runBackend.equals(baseBackend)) {
        // Throughput is only comparable on the same backend: promote a baseline of this backend
        // (-Dgate.baseline) to gate it; the report's same-run ratio says what the backend costs.
        notes.add(c.id() + ": ran on " + runBackend + ", the baseline on " + baseBackend + ", throughput not gated.");
        continue;
      }
      if (otherMachine != null) {
        continue; // said once, in throughputLine
      }
      Optional<RunData.Normalised> now = run.normalised(r);
      Optional<RunData.Normalised> then = baseline.normalised(base.get());
      if (now.isEmpty() || then.isEmpty()) {
        notes.add(c.id() + ": no PING calibration in " + (now.isEmpty() ? "the run" : "the baseline") + ", throughput not gated.");
        continue;
      }
      compared++;
      double drop = (then.get().value() - now.get().value()) / then.get().value();
      double combined = Math.hypot(then.get().error(), now.get().error());
      if (drop > threshold && then.get().value() - now.get().value() > combined) {
        findings.add(new Finding(Rule.THROUGHPUT, c, normText(then.get(), base.get()), normText(now.get(), r),
            String.format("-%.0f%% (threshold %.0f%%, beyond the combined error ±%.3f)", drop * 100, threshold * 100, combined), false));
      }
    }
    if (baseline != null) {
      for (JmhResult b : baseline.throughput()) {
        if (run.find(b.cell()).isEmpty()) {
          notes.add(b.cell().id() + ": in the baseline, not in this run.");
        }
      }
    }
    for (BenchExpectations.Rule rule : expectations.rules()) {
      if (rule.verdict() == BenchExpectations.Verdict.MUST_RACE && run.counterCells().stream().noneMatch(r -> rule.matches(r.cell()))) {
        notes.add("must-race " + rule.variant() + " on " + rule.server() + " (ttlMs " + rule.ttl() + ", keys " + rule.keys()
            + "): no such cell in this run, detection power not checked.");
      }
    }
    AtlasGate.of(run).ifPresent(atlas -> {
      findings.addAll(AtlasGate.findings(atlas, expectations));
      notes.add("atlas: " + AtlasGate.cells(atlas).size() + " cells of " + atlas.path("versions").size()
          + " versions checked against the expectations by version range.");
    });
    String otherBackend = baseline != null && !runBackend.equals(baseBackend)
        ? "the baseline ran on " + baseBackend + ", this run on " + runBackend : null;
    Optional<AbGate.Judged> ab = AbGate.judge(run);
    ab.ifPresent(j -> {
      findings.addAll(j.findings());
      notes.addAll(j.notes());
    });
    String line = null;
    if (ab.isPresent()) {
      line = ab.get().line() + (otherMachine != null ? "; not against the baseline: " + otherMachine : baseline == null ? "" : "; and against the baseline");
    } else if (otherMachine != null && otherBackend == null) {
      line = "Throughput not gated against the baseline: " + otherMachine + "; " + MachineMatch.HOW_TO_GATE + ".";
    }
    return new Result(findings, notes, compared, threshold, baseline != null, otherBackend, line);
  }

  /** Where a run's bare server ids ran ({@code run.json} environment.backend); embedded before it was recorded. */
  static String backendOf(RunData run) {
    String b = run.environment().path("backend").asText("");
    return b.isEmpty() || b.equals("auto") ? "embedded" : b;
  }

  static String ttlText(RateEstimate r) {
    return String.format("%d in %d ops (%.1f/M, 95%% CI %.1f-%.1f)", r.events(), r.ops(), r.perMillion(), r.lowPerMillion(), r.highPerMillion());
  }

  static String normText(RunData.Normalised n, JmhResult r) {
    return String.format("%.3f ±%.3f x PING (%.0f ops/s)", n.value(), n.error(), r.score());
  }

  /** The findings as a Markdown table (also readable as plain text in a build log). */
  public static String table(Result result) {
    StringBuilder sb = new StringBuilder();
    if (result.throughputLine() != null) {
      sb.append(result.throughputLine()).append('\n');
    }
    if (result.passed()) {
      sb.append(String.format("Gate PASSED: %d throughput cells compared%s (threshold %.0f%%)%s, no new TTL-less keys, no known race missed%s.%n",
          result.cellsCompared(), result.throughputLine() != null ? " with the baseline" : "", result.threshold() * 100,
          result.throughputLine() != null ? ""
              : !result.hadBaseline() ? " (no baseline: throughput not gated)"
              : result.otherBackend() != null ? " (" + result.otherBackend() + ": throughput not gated)" : "",
          result.notes().isEmpty() ? "" : " (" + result.notes().size() + " note(s): cells not run or not calibrated, see the report)"));
      return sb.toString();
    }
    sb.append(String.format("Gate FAILED: %d finding(s).%n%n", result.findings().size()));
    sb.append("| rule | cell | baseline | this run | why |\n|---|---|---|---|---|\n");
    for (Finding f : result.findings()) {
      sb.append("| ").append(f.rule().title()).append(" | ").append(f.cell().id()).append(" | ").append(f.baseline()).append(" | ")
          .append(f.run()).append(" | ").append(f.why()).append(" |\n");
    }
    return sb.toString();
  }
}
