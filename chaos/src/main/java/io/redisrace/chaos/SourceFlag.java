package io.redisrace.chaos;

import io.redisrace.HarnessException;
import io.redisrace.source.Sources;

/** {@code --source}, and the older {@code --jdbc URL}, which means {@code --source URL}. */
final class SourceFlag {
  private SourceFlag() {}

  /** The normalized source of the two flags (sqlite when neither is given). */
  static String of(String source, String jdbc) {
    if (source != null && jdbc != null) {
      throw new HarnessException("Give either --source or --jdbc (deprecated, the same as --source URL), not both.");
    }
    if (jdbc != null && !jdbc.startsWith("jdbc:")) {
      throw new HarnessException("--jdbc takes a JDBC URL (jdbc:...), not '" + jdbc + "'; for a server use --source " + jdbc + ".");
    }
    return Sources.normalize(source != null ? source : jdbc);
  }
}
