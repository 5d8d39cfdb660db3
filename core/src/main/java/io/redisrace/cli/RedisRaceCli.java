package io.redisrace.cli;

import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar core/target/redis-race.jar <command>}. Errors the user can fix print one
 * sentence on stderr and exit 2; nothing prints a stack trace for a bad flag or a missing server.
 */
@Command(
    name = "redis-race",
    mixinStandardHelpOptions = true,
    versionProvider = RedisRaceCli.Version.class,
    description = "Hunts and measures Redis atomicity races on real servers.",
    subcommands = {HuntCommand.class, MatrixCommand.class, ServersCommand.class})
public final class RedisRaceCli {

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI with the given streams and returns the exit code (0 ok, 1 failed run, 2 bad input). */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return commandLine(new RedisRaceCli(), out, err).execute(args);
  }

  /** Wires the one-sentence error handling of every CLI of the harness onto a picocli command. */
  public static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(command);
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler((ex, args) -> {
      String help = ex.getCommandLine().getCommandSpec().qualifiedName();
      err.println(cl.getCommandName() + ": " + sentence(ex.getMessage()) + " See '" + help + " --help'.");
      return HarnessException.EXIT_CODE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Throwable t = ex;
      while (!(t instanceof HarnessException) && t.getCause() != null && t.getCause() != t) {
        t = t.getCause();
      }
      if (t instanceof HarnessException he) {
        err.println(cl.getCommandName() + ": " + he.getMessage());
        return HarnessException.EXIT_CODE;
      }
      err.println(cl.getCommandName() + ": internal error, please report it: " + ex);
      ex.printStackTrace(err);
      return 1;
    });
    return cl;
  }

  private static String sentence(String message) {
    String m = message.strip();
    return m.endsWith(".") ? m : m + ".";
  }

  /** Prints the harness version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"redis-race " + HarnessInfo.version()};
    }
  }
}
