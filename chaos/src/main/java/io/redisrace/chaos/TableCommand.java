package io.redisrace.chaos;

import io.redisrace.chaos.report.ChaosHeatTable;
import io.redisrace.chaos.report.ChaosRates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code table}: the heat table of a chaos.json file. */
@Command(name = "table", mixinStandardHelpOptions = true, description = "Prints the heat table of a chaos.json file (Markdown or --html).")
final class TableCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(paramLabel = "CHAOS_JSON") Path file;
  @Option(names = "--html") boolean html;

  @Override
  public Integer call() throws IOException {
    ChaosHeatTable t = ChaosHeatTable.from(ChaosCli.read(file));
    PrintWriter out = spec.commandLine().getOut();
    out.print(html ? t.html() : t.markdown());
    ChaosRates rates = ChaosRates.from(ChaosCli.read(file));
    if (!html && rates.worthShowing()) {
      out.println();
      out.print(rates.markdown());
    }
    out.flush();
    return 0;
  }
}
