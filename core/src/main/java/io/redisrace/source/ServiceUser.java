package io.redisrace.source;

import io.redisrace.HarnessException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * MariaDB and PostgreSQL refuse to run as root. When the harness is root (CI, containers), their
 * processes run as the system user their Debian package made ({@code mysql}, {@code postgres})
 * through util-linux's {@code setpriv}, which execs in place: the pid the reaper holds is the
 * server's own, so the usual stop and kill reach it. Their directories are handed to that user.
 * Run as anyone else, the servers run as that user and nothing is changed.
 */
final class ServiceUser {
  private ServiceUser() {}

  static boolean root() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | RuntimeException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  /** What goes before a server command so that it runs as {@code user} (nothing unless root). */
  static List<String> prefix(String user) {
    if (!root()) {
      return List.of();
    }
    try {
      FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(user);
    } catch (UserPrincipalNotFoundException e) {
      throw new HarnessException("The harness runs as root, which the server refuses, and the user '" + user
          + "' it would run the server as does not exist; install the server's Debian package (it makes the user) or run as another user.");
    } catch (IOException e) {
      throw new HarnessException("Cannot look up the user '" + user + "' (" + e.getMessage() + ").");
    }
    return List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--");
  }

  /** Gives {@code dir} and everything under it to {@code user} (only when root). */
  static void own(Path dir, String user) {
    if (root()) {
      run(List.of("chown", "-R", user + ":", dir.toString()), "hand " + dir + " to " + user);
    }
  }

  /** Runs a short command to its end; a {@link HarnessException} naming {@code what} when it fails. */
  static void run(List<String> cmd, String what) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new HarnessException("Could not " + what + " (" + out.lines().findFirst().orElse("exit " + p.exitValue()) + ").");
      }
    } catch (IOException e) {
      throw new HarnessException("Could not " + what + " (" + e.getMessage() + ").");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while trying to " + what + ".");
    }
  }
}
