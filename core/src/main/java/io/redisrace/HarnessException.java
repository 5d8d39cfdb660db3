package io.redisrace;

/**
 * A problem the user can fix: a bad flag, an unknown id, an unreachable server, a missing binary.
 *
 * <p>The message is one sentence for a person: what is wrong, what is accepted, what to do. The CLIs
 * print it alone on stderr (no stack trace) and exit with {@link #EXIT_CODE}.
 */
public class HarnessException extends RuntimeException {
  /** Exit code of every CLI for a usage or environment problem. */
  public static final int EXIT_CODE = 2;

  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
