package io.redisrace.report.section;

import static io.redisrace.report.section.Palette.GREEN;
import static io.redisrace.report.section.Palette.RED;

import io.redisrace.chaos.report.ChaosRates;
import io.redisrace.process.RunDir;
import io.redisrace.report.ReportContext;
import io.redisrace.report.ReportSection;
import io.redisrace.report.Svg;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Duplication without faults: the run's fault-free chaos cells, duplicated chunks per 1,000 chunks
 * with their 95% intervals, against the number of loader processes and the chunk size. Several
 * loaders of bitmap or client-name-lock duplicate rows with nothing going wrong at all; fenced
 * must stay at 0. Shown when the run's {@code chaos.json} has fault-free cells of at least two
 * shapes.
 */
public final class ConcurrencySection implements ReportSection {

  public String id() { return "concurrency"; }

  public String title() { return "Chaos: duplication without faults, by loaders and chunk size"; }

  public int order() { return 860; }

  static Optional<ChaosRates> rates(ReportContext ctx) {
    return ctx.run().file(RunDir.CHAOS).map(ChaosRates::from).filter(ChaosRates::worthShowing);
  }

  public Optional<String> html(ReportContext ctx) {
    return rates(ctx).map(rates -> {
      List<Svg.Row> rows = new ArrayList<>();
      for (int chunk : new TreeSet<>(rates.rates().stream().map(ChaosRates.Rate::chunkSize).toList())) {
        for (String v : rates.rates().stream().map(ChaosRates.Rate::variant).distinct().toList()) {
          List<ChaosRates.Rate> line = rates.rates().stream().filter(r -> r.chunkSize() == chunk && r.variant().equals(v))
              .sorted((a, b) -> Integer.compare(a.loaders(), b.loaders())).toList();
          if (line.isEmpty()) {
            continue;
          }
          rows.add(Svg.Row.heading(v + ", chunks of " + chunk));
          for (ChaosRates.Rate r : line) {
            rows.add(new Svg.Row(r.loaders() + (r.loaders() == 1 ? " loader" : " loaders"), r.per1000(), r.low(), r.high(),
                r.duplicatedChunks() > 0 ? RED : GREEN, r.duplicatedChunks() > 0 ? Svg.Mark.DOT : Svg.Mark.HOLLOW_DOT,
                ChaosRates.format(r) + " of " + r.chunks()));
          }
        }
      }
      return "<p>Loader processes started together on one table, with no fault of any kind. Each dot: duplicated chunks per "
          + "1,000 chunks over the cell's trials, whiskers the 95% Wilson interval; hollow: none seen (the whisker is the bound "
          + "that leaves). A single loader must stay at 0; bitmap and client-name-lock climb with the loaders because their "
          + "check and their commit are two steps; fenced's commit is one conditional script.</p>\n"
          + Svg.chart("Duplicated chunks per 1,000, no fault", "per 1,000 chunks", rows, Svg.Scale.SYMLOG, null);
    });
  }

  public Optional<String> markdown(ReportContext ctx) {
    return rates(ctx).map(ChaosRates::markdown);
  }
}
