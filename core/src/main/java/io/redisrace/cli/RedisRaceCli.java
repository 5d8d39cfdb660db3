package io.redisrace.cli;

import io.redisrace.command.HarnessCommandLine;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/**
 * {@code java -jar core/target/redis-race.jar <command>}. Errors the user can fix print one
 * sentence on stderr and exit 2; nothing prints a stack trace for a bad flag or a missing server
 * (see {@link HarnessCommandLine}).
 */
@Command(
    name = "redis-race",
    mixinStandardHelpOptions = true,
    versionProvider = HarnessCommandLine.Version.class,
    description = "Hunts and measures Redis atomicity races on real servers.",
    subcommands = {HuntCommand.class, MatrixCommand.class, ServersCommand.class, ServerCommand.class, AtlasCommand.class})
public final class RedisRaceCli {

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (0 ok, 1 failed run, 2 bad input). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return HarnessCommandLine.execute(new RedisRaceCli(), args, out, err);
  }
}
