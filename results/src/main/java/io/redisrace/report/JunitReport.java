package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the Surefire report format that CI systems show as test results) under
 * {@code report/junit/}, one file per suite:
 *
 * <ul>
 *   <li>{@code TEST-redis-race-gate.xml}, when the gate ran: one testcase per gate rule x cell.
 *       {@code new TTL-less keys} for every counter cell, {@code known race not detected} for every
 *       cell the expectations mark must-race, {@code throughput regression} for every throughput cell
 *       (skipped, with the gate's note, where throughput was not gated). A finding is a failure with
 *       the gate's figures and the command that runs the cell again.</li>
 *   <li>{@code TEST-redis-race-chaos.xml}, when the run has {@code chaos.json}: one testcase per chaos
 *       trial. A trial of {@code KnownUnsafe.EXACTLY_ONCE} that lost or duplicated a row fails,  and
 *       so does a fault-free trial that lost a row or, with a single loader, duplicated one (the chaos
 *       gate's rules, {@code ChaosGate.brokenWorkload}; the cases are {@link JunitChaosCases});
 *       a trial of a known-unsafe cell that found its defect passes (finding it is the point). Every
 *       testcase carries the finding and the trial's {@code replay} command. In full mode, one more
 *       testcase per known-unsafe cell: it fails when no trial of the cell found the defect.</li>
 * </ul>
 *
 * The files follow Maven Surefire's {@code surefire-test-report.xsd} (the unit test validates them).
 */
public final class JunitReport {
  public static final String DIR = "junit";
  public static final String GATE_FILE = "TEST-redis-race-gate.xml";
  public static final String CHAOS_FILE = "TEST-redis-race-chaos.xml";

  private JunitReport() {}

  /** One testcase: a failure when {@code failure} is set, skipped when {@code skipped} is set. */
  record Case(String classname, String name, double seconds, String failure, String failureType, String details,
              String skipped, String out) {
    static Case pass(String classname, String name, double seconds, String out) {
      return new Case(classname, name, seconds, null, null, null, null, out);
    }

    static Case fail(String classname, String name, double seconds, String message, String type, String details, String out) {
      return new Case(classname, name, seconds, message, type, details, null, out);
    }

    static Case skip(String classname, String name, String why) {
      return new Case(classname, name, 0, null, null, null, why, null);
    }
  }

  /** Writes the suites this context has into {@code outDir/junit}, each atomically; removes stale ones. */
  public static void write(ReportContext ctx, Path outDir) throws IOException {
    Path dir = Files.createDirectories(outDir.resolve(DIR));
    Optional<String> gate = ctx.gate().map(g -> suite("redis-race benchmark gate", gateCases(ctx.run(), g, ctx.expectations())));
    Optional<String> chaos = ctx.run().file(RunDir.CHAOS).filter(JsonNode::isObject)
        .map(doc -> suite("redis-race chaos (" + doc.path("mode").asText("?") + ", seed " + doc.path("seed").asText("?") + ")",
            JunitChaosCases.cases(doc)));
    writeOrRemove(dir.resolve(GATE_FILE), gate);
    writeOrRemove(dir.resolve(CHAOS_FILE), chaos);
  }

  private static void writeOrRemove(Path file, Optional<String> xml) throws IOException {
    if (xml.isPresent()) {
      Report.writeAtomically(file, xml.get());
    } else {
      Files.deleteIfExists(file); // a suite of an earlier run would read as this run's
    }
  }

  // ---------------------------------------------------------------- gate

  static final String GATE_CLASS = "redis-race.gate.";

  static String slug(BenchGate.Rule rule) {
    return rule.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  static List<Case> gateCases(RunData run, BenchGate.Result result, BenchExpectations expectations) {
    Map<String, BenchGate.Finding> findings = new LinkedHashMap<>();
    result.findings().forEach(f -> findings.putIfAbsent(f.rule() + " " + f.cell().id(), f));
    List<Case> cases = new ArrayList<>();
    for (JmhResult r : run.counterCells()) {
      CellKey c = r.cell();
      List<BenchGate.Rule> rules = new ArrayList<>();
      rules.add(BenchGate.Rule.NEW_TTL_LESS);
      if (expectations.rule(c).map(x -> x.verdict() == BenchExpectations.Verdict.MUST_RACE).orElse(false)) {
        rules.add(BenchGate.Rule.LOST_DETECTION);
      }
      if (c.kind().equals("thrpt")) {
        rules.add(BenchGate.Rule.THROUGHPUT);
      }
      for (BenchGate.Rule rule : rules) {
        BenchGate.Finding f = findings.remove(rule + " " + c.id());
        if (f != null) {
          cases.add(failure(f));
        } else if (rule == BenchGate.Rule.NEW_TTL_LESS && !r.hasAuxCounters()) {
          cases.add(Case.skip(GATE_CLASS + slug(rule), c.id(), "no aux counters in the JMH JSON: correctness not checked"));
        } else if (rule == BenchGate.Rule.THROUGHPUT && notGated(c, result).isPresent()) {
          cases.add(Case.skip(GATE_CLASS + slug(rule), c.id(), notGated(c, result).get()));
        } else {
          cases.add(Case.pass(GATE_CLASS + slug(rule), c.id(), 0, passText(rule, r)));
        }
      }
    }
    findings.values().forEach(f -> cases.add(failure(f))); // a finding of a cell or rule not listed above
    return cases;
  }

  /** Why the gate did not judge this cell's throughput, if it did not. */
  static Optional<String> notGated(CellKey c, BenchGate.Result result) {
    if (!result.hadBaseline()) {
      return Optional.of("no baseline: throughput not gated");
    }
    String prefix = c.id() + ": ";
    return result.notes().stream().filter(n -> n.startsWith(prefix)).map(n -> n.substring(prefix.length())).findFirst();
  }

  private static String passText(BenchGate.Rule rule, JmhResult r) {
    return switch (rule) {
      case NEW_TTL_LESS, LOST_DETECTION -> BenchGate.ttlText(r.ttlLessRate());
      case THROUGHPUT, AB_REGRESSION -> String.format(Locale.ROOT, "%.0f ops/s", r.score());
    };
  }

  private static Case failure(BenchGate.Finding f) {
    String details = "rule: " + f.rule().title() + "\ncell: " + f.cell().id() + "\nbaseline: " + f.baseline() + "\nthis run: " + f.run()
        + "\nwhy: " + f.why() + "\nreplay: " + replay(f.cell()) + "\n";
    return Case.fail(GATE_CLASS + slug(f.rule()), f.cell().id(), 0, f.rule().title() + ": " + f.why() + " (this run: " + f.run() + ")",
        f.rule().title(), details, null);
  }

  /** The command that runs this one cell again (plus the PING cells it needs, which BenchRunner adds). */
  static String replay(CellKey cell) {
    StringBuilder regex = new StringBuilder("^");
    for (char ch : (cell.id() + " ").toCharArray()) {
      if ("\\.[]{}()*+?^$|".indexOf(ch) >= 0) {
        regex.append('\\');
      }
      regex.append(ch);
    }
    return "mvn verify -Pbench '-Dbench.include=" + regex.toString().replace("'", "'\\''") + "'";
  }

  // ---------------------------------------------------------------- XML

  static String suite(String name, List<Case> cases) {
    StringWriter sw = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(sw);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuite");
      w.writeAttribute("name", clean(name));
      w.writeAttribute("tests", Integer.toString(cases.size()));
      w.writeAttribute("failures", Long.toString(cases.stream().filter(c -> c.failure() != null).count()));
      w.writeAttribute("errors", "0");
      w.writeAttribute("skipped", Long.toString(cases.stream().filter(c -> c.skipped() != null).count()));
      w.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::seconds).sum()));
      w.writeCharacters("\n");
      for (Case c : cases) {
        w.writeCharacters("  ");
        w.writeStartElement("testcase");
        w.writeAttribute("name", clean(c.name()));
        w.writeAttribute("classname", clean(c.classname()));
        w.writeAttribute("time", seconds(c.seconds()));
        if (c.failure() != null) {
          w.writeStartElement("failure");
          w.writeAttribute("message", clean(c.failure()));
          w.writeAttribute("type", clean(c.failureType()));
          w.writeCharacters(clean(c.details()));
          w.writeEndElement();
        }
        if (c.skipped() != null) {
          w.writeStartElement("skipped");
          w.writeAttribute("message", clean(c.skipped()));
          w.writeEndElement();
        }
        if (c.out() != null) {
          w.writeStartElement("system-out");
          w.writeCharacters(clean(c.out()));
          w.writeEndElement();
        }
        w.writeEndElement();
        w.writeCharacters("\n");
      }
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
    }
    return sw.toString();
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", Double.isFinite(s) && s >= 0 ? s : 0);
  }

  /** XML 1.0 allows no control characters but tab, newline and carriage return: replace the others. */
  static String clean(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
      b.appendCodePoint(ok ? cp : '?');
    });
    return b.toString();
  }
}
