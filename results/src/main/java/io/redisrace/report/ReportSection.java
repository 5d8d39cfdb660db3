package io.redisrace.report;

import java.util.Optional;

/**
 * One section of the report: a heading, an HTML fragment for {@code index.html} and, optionally,
 * a Markdown fragment for {@code summary.md}. Sections are pluggable: every implementation listed
 * in {@code META-INF/services/io.redisrace.report.ReportSection} on the report's classpath is
 * shown, in {@link #order()}; the built-ins are the classes of {@code io.redisrace.report.section},
 * one section per file, listed in this module's services file, and use only the public API that a
 * section of another jar has too. A section reads what it needs from the run: JMH results, or any JSON file of
 * the run directory through {@code ctx.run().file(RunDir.CHAOS)}; it returns empty when it has
 * nothing to show, and then does not appear at all.
 *
 * <p>Contract: the HTML must be self-contained (inline SVG or tables, no script, no external URL),
 * must escape every string that comes from data ({@link Svg#esc}), and must not throw on a run
 * that lacks its data.
 */
public interface ReportSection {

  /** Short id, used as the HTML anchor ("ttl-less"). */
  String id();

  /** Heading shown in the report and in its table of contents. */
  String title();

  /** Position: built-ins use 100, 200, ... 1000; pick a number in between to slot in. */
  default int order() {
    return 500;
  }

  /** HTML fragment (without the heading), or empty when the run has nothing for this section. */
  Optional<String> html(ReportContext ctx);

  /** Markdown fragment for summary.md (without the heading), or empty to leave it out there. */
  default Optional<String> markdown(ReportContext ctx) {
    return Optional.empty();
  }
}
