package io.redisrace.command;

import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The picocli setup every command line of the harness shares ({@code redis-race}, the loader, the
 * benchmark runners, the chaos CLI, the report): errors the user can fix print one sentence on
 * stderr and exit {@link HarnessException#EXIT_CODE}; anything else is an internal error (exit 1,
 * with its stack trace). This package holds command-line plumbing only, no harness logic.
 */
public final class HarnessCommandLine {
  private HarnessCommandLine() {}

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
