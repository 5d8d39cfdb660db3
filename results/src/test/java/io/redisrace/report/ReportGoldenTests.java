package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report of a committed run directory is, byte for byte, the committed index.html and
 * summary.md next to it. {@code bench}: the full benchmark run of the committed baseline (trimmed
 * to what the report reads), a user variant and an uncharted benchmark, gated against a copy with
 * a faster multi cell, a cleaner user variant, one cell fewer and one more. {@code docker}: the
 * 7.0 single-thread cells on the docker backend with embedded:7.0 references, no gate. {@code atlas}:
 * an atlas run directory (only {@code atlas.json}: five versions from docs/atlas.md's table), judged
 * by its own copy of the version-range expectations. {@code counter-failover}: a run directory of
 * only {@code counter-failover.json}, four cells of a real {@code hunt --topology sentinel --fault}
 * (docs/sentinel.md). {@code cluster}: a real quick-mode run of every variant on {@code cluster:7.0} and on
 * {@code 7.0} with 100 keys (docs/cluster.md, "Benchmarks on a cluster"; its run.json trimmed to what the
 * report reads), with one planted skipped cell: a user variant on two slots, not run with the CROSSSLOT
 * reason. After an
 * intended change of the report, rewrite the golden files with {@code -Dreport.golden.update=true}
 * and read the diff. Both read {@code expectations.txt} there, a copy of results/expectations.txt, so
 * that a new rule in the committed file does not change them.
 */
class ReportGoldenTests {
  static final Path FIXTURES = Path.of("src/test/resources/report-golden");

  @ParameterizedTest
  @ValueSource(strings = {"bench", "docker", "atlas", "counter-failover", "cluster"})
  void theReportOfACommittedRunIsTheCommittedReport(String name) throws IOException {
    Path dir = FIXTURES.resolve(name);
    RunData run = RunData.load(dir.resolve("run"));
    Path own = dir.resolve("expectations.txt");
    BenchExpectations expectations = BenchExpectations.read(Files.isRegularFile(own) ? own : FIXTURES.resolve("expectations.txt"));
    Optional<RunData> baseline = Files.isDirectory(dir.resolve("baseline")) ? Optional.of(RunData.load(dir.resolve("baseline"))) : Optional.empty();
    Optional<BenchGate.Result> gate = baseline.map(b -> new BenchGate(BenchGate.DEFAULT_THRESHOLD, expectations).check(b, run));
    ReportContext ctx = new ReportContext(run, baseline, gate, expectations);
    String html = Report.html(ctx, Report.sections());
    String markdown = Report.markdown(ctx, Report.sections());
    if (Boolean.getBoolean("report.golden.update")) {
      Files.writeString(dir.resolve("index.html"), html);
      Files.writeString(dir.resolve("summary.md"), markdown);
    }
    assertThat(html).isEqualTo(Files.readString(dir.resolve("index.html")));
    assertThat(markdown).isEqualTo(Files.readString(dir.resolve("summary.md")));
  }
}
