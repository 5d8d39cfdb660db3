package io.redisrace.command;

import io.redisrace.HarnessException;
import io.redisrace.HarnessInfo;
import java.io.PrintWriter;
import java.util.List;
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
      CommandLine at = ex.getCommandLine();
      String unknown = ex instanceof CommandLine.UnmatchedArgumentException u ? unknownCommand(at, u.getUnmatched()) : null;
      err.println(cl.getCommandName() + ": " + (unknown != null ? unknown : sentence(ex.getMessage()))
          + " See '" + at.getCommandSpec().qualifiedName() + " --help'.");
      return HarnessException.EXIT_CODE;
    });
    // picocli skips the unmatched-argument check when --help or --version is given: "replay --help"
    // would print the top-level help and exit 0 although there is no such command.
    cl.setExecutionStrategy(parseResult -> {
      for (CommandLine.ParseResult pr = parseResult; pr != null; pr = pr.subcommand()) {
        if (!pr.unmatched().isEmpty()) {
          CommandLine at = pr.commandSpec().commandLine();
          String unknown = unknownCommand(at, pr.unmatched());
          err.println(cl.getCommandName() + ": " + (unknown != null ? unknown : "unknown argument '" + pr.unmatched().get(0) + "'.")
              + " See '" + pr.commandSpec().qualifiedName() + " --help'.");
          err.flush();
          return HarnessException.EXIT_CODE;
        }
      }
      return new CommandLine.RunLast().execute(parseResult);
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

  /**
   * Builds the command line, runs it and flushes both streams (a {@code print} without a newline
   * would otherwise be lost at {@code System.exit}); returns the exit code.
   */
  public static int execute(Object command, String[] args, PrintWriter out, PrintWriter err) {
    try {
      return commandLine(command, out, err).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** "unknown command 'replay'; the commands are run, trial." when the first unmatched word names no subcommand. */
  private static String unknownCommand(CommandLine at, List<String> unmatched) {
    if (unmatched.isEmpty() || at.getSubcommands().isEmpty() || unmatched.get(0).startsWith("-")) {
      return null;
    }
    return "unknown command '" + unmatched.get(0) + "'; the commands are "
        + String.join(", ", at.getSubcommands().keySet()) + ".";
  }

  private static String sentence(String message) {
    String m = message.strip();
    return m.endsWith(".") ? m : m + ".";
  }

  /** Prints the name of the command line it is asked by ("redis-race-chaos 0.1.0") and the harness version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public String[] getVersion() {
      String name = spec == null ? "redis-race" : spec.root().name();
      return new String[] {name + " " + HarnessInfo.version()};
    }
  }
}
