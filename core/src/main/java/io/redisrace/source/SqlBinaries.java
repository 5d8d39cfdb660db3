package io.redisrace.source;

import io.redisrace.HarnessException;
import io.redisrace.process.HarnessDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds a SQL server's binaries: the directory in an environment variable, else the usual ones, else PATH. */
final class SqlBinaries {
  private SqlBinaries() {}

  static Path find(String name, String envDir, List<Path> dirs, String install) {
    String explicit = System.getenv(envDir);
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit, name);
      if (Files.isExecutable(p)) {
        return p;
      }
      throw new HarnessException("$" + envDir + " is " + explicit + ", which holds no executable " + name + ".");
    }
    Optional<Path> found = dirs.stream().map(d -> d.resolve(name)).filter(Files::isExecutable).findFirst();
    return found.or(() -> HarnessDirs.onPath(name))
        .orElseThrow(() -> new HarnessException("This source needs " + name + ", which is not installed; run " + install
            + " (or set $" + envDir + " to the directory that holds it)."));
  }
}
