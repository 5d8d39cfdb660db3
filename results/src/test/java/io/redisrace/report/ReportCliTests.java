package io.redisrace.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as users and Maven call it: exit codes, baseline promotion, compare. */
class ReportCliTests {
  @TempDir Path tmp;

  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  int run(String... args) {
    return ReportCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
  }

  Path expectations() throws Exception {
    return Files.writeString(tmp.resolve("expectations.txt"), "lua * * * clean scripts\nmulti 2.8 <=1 1 must-race hunt\n");
  }

  Path goodRun(String name, double lua) {
    return SyntheticRun.create().ping("7.0", 1, 30000, 30100, 29900)
        .counter("lua", "7.0", 20, 1, 1, 60000, 0, lua, lua + 100, lua - 100)
        .counter("multi", "2.8", 1, 1, 4, 90000, 20, 15000, 15100, 14900)
        .write(tmp, name);
  }

  @Test
  void promotionWritesOneLoadableBaselineAtomicallyAndTheNextGatePasses() throws Exception {
    Path run = goodRun("run1", 20000);
    Path baseline = tmp.resolve("baseline");
    int code = run("gate", run.toString(), "--baseline=" + baseline, "--expectations=" + expectations(), "--out=" + tmp.resolve("report"),
        "--update-baseline=true");
    assertThat(code).as(out + "" + err).isZero();
    assertThat(out.toString()).contains("promoted run1");
    assertThat(baseline.resolve("baseline.json")).isRegularFile();
    assertThat(baseline.resolve("ENVIRONMENT.md")).isRegularFile();
    try (Stream<Path> files = Files.list(baseline)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("baseline.json", "ENVIRONMENT.md");
    }
    RunData loaded = RunData.load(baseline);
    assertThat(loaded.throughput()).hasSize(2);
    assertThat(loaded.pings()).hasSize(1);

    assertThat(run("gate", goodRun("run2", 19800).toString(), "--baseline=" + baseline, "--expectations=" + expectations(),
        "--out=" + tmp.resolve("report"))).isZero();
    assertThat(out.toString()).contains("Gate PASSED: 1 throughput cells compared");
  }

  @Test
  void aBaselineDoctoredToBeTwiceAsFastFailsTheGateWithATable() throws Exception {
    Path baseline = tmp.resolve("baseline");
    assertThat(run("gate", goodRun("fast", 40000).toString(), "--baseline=" + baseline, "--expectations=" + expectations(),
        "--out=" + tmp.resolve("r"), "--update-baseline")).isZero();
    int code = run("gate", goodRun("now", 20000).toString(), "--baseline=" + baseline, "--expectations=" + expectations(),
        "--out=" + tmp.resolve("r"));
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("Gate FAILED").contains("| throughput regression | thrpt variant=lua client=jedis server=7.0");
    assertThat(Files.readString(tmp.resolve("r/summary.md"))).contains("Gate FAILED");
    assertThat(Files.readString(tmp.resolve("r/index.html"))).contains("gate FAILED");
  }

  @Test
  void promotionIsRefusedWhenTheRunBreaksTheExpectationsAndTheOldBaselineStays() throws Exception {
    Path baseline = tmp.resolve("baseline");
    assertThat(run("gate", goodRun("good", 20000).toString(), "--baseline=" + baseline, "--expectations=" + expectations(),
        "--out=" + tmp.resolve("r"), "--update-baseline")).isZero();
    String before = Files.readString(baseline.resolve("baseline.json"));
    Path blind = SyntheticRun.create().counter("multi", "2.8", 1, 1, 4, 90000, 0, 15000, 15000).write(tmp, "blind");
    int code = run("gate", blind.toString(), "--baseline=" + baseline, "--expectations=" + expectations(), "--out=" + tmp.resolve("r"),
        "--update-baseline");
    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("NOT promoted").contains("known race not detected");
    assertThat(Files.readString(baseline.resolve("baseline.json"))).isEqualTo(before);
  }

  @Test
  void compareTwoRunsPrintsEveryCellAndExitsOneOnARegression() throws Exception {
    Path a = goodRun("a", 20000);
    Path b = goodRun("b", 12000);
    assertThat(run("compare", a.toString(), b.toString(), "--expectations=" + expectations())).isEqualTo(1);
    assertThat(out.toString()).contains("A = a, B = b").contains("| thrpt variant=lua client=jedis server=7.0 ttlMs=20 keys=1 threads=1 |")
        .contains("-40.0%");
    out.getBuffer().setLength(0);
    assertThat(run("compare", a.toString(), goodRun("c", 19900).toString(), "--expectations=" + expectations())).isZero();
    assertThat(out.toString()).contains("Gate PASSED").contains("compare: B passed the gate against A.");
  }

  @Test
  void compareWithoutOutPrintsTheGateTableAndItsVerdictThroughABufferedStream() throws Exception {
    Path a = goodRun("a", 20000);
    Path b = goodRun("b", 12000);
    StringWriter buffered = new StringWriter();
    // Like System.out: println flushes, print does not; execute must flush before the exit.
    PrintWriter o = new PrintWriter(new java.io.BufferedWriter(buffered, 1 << 16), true);
    int code = ReportCli.execute(new String[] {"compare", a.toString(), b.toString(), "--expectations=" + expectations()}, o,
        new PrintWriter(err, true));
    assertThat(code).isEqualTo(1);
    assertThat(buffered.toString()).contains("| cell | better | A × PING | B × PING |")
        .contains("| higher (ops/s) |")
        .contains("Gate FAILED: 1 finding(s).")
        .contains("| throughput regression | thrpt variant=lua client=jedis server=7.0")
        .endsWith("compare: B FAILED the gate against A: 1 finding(s) in the table above (exit 1)." + System.lineSeparator());
  }

  @Test
  void aPathThatIsNoRunGetsOneSentenceAndExitTwo() {
    assertThat(run("compare", tmp.toString(), tmp.resolve("nope").toString())).isEqualTo(2);
    assertThat(err.toString().strip()).startsWith("redis-race-report: ").contains("neither a run").doesNotContain("Exception");
    assertThat(err.toString().strip().lines()).hasSize(1);
  }
}
