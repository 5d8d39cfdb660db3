package io.redisrace.report;

import io.redisrace.report.merge.RunMerge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code redis-race-report merge --into DIR SHARD_DIR...}: the shards of one run ({@code --shard k/n}) as one run directory ({@link RunMerge}). */
@Command(name = "merge", mixinStandardHelpOptions = true,
    description = "Joins the run directories of the n shards of one run (--shard k/n: atlas, chaos run, benchmark run) into one, for report and gate.")
final class MergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--into", required = true, paramLabel = "DIR", description = "The run directory to write (created if missing).")
  Path into;

  @Parameters(arity = "1..*", paramLabel = "SHARD_DIR", description = "The run directory of every shard, in any order.")
  List<Path> shards;

  @Override
  public Integer call() {
    RunMerge.Result r = RunMerge.merge(into, shards);
    PrintWriter out = spec.commandLine().getOut();
    out.printf("merge: %d shards of the %s into %s: %s%n", r.shards(), String.join(" and the ", r.kinds()),
        into.toAbsolutePath().normalize(), String.join(", ", r.written().stream().map(p -> p.getFileName().toString()).toList()));
    if (!r.leftOut().isEmpty()) {
      out.println("merge: left out " + String.join(", ", r.leftOut()) + " (not the files of a sharded run).");
    }
    out.flush();
    return 0;
  }
}
