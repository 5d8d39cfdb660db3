package io.redisrace.report;

import java.util.Optional;

/**
 * What a report section may read: the run, the baseline it was compared with (if any), the gate's
 * result (if the gate ran) and the committed expectations.
 */
public record ReportContext(RunData run, Optional<RunData> baseline, Optional<BenchGate.Result> gate, BenchExpectations expectations) {

  public static ReportContext of(RunData run) {
    return new ReportContext(run, Optional.empty(), Optional.empty(), BenchExpectations.none());
  }
}
