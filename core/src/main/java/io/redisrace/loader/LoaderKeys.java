package io.redisrace.loader;

import io.redisrace.HarnessException;
import java.util.regex.Pattern;

/**
 * The Redis keys of one load: {@code <prefix>:list} (the rows) and {@code <prefix>:done} (the
 * bitmap of finished chunks), and the connection name that "locks" chunk i in
 * {@code client-name-lock}: {@code <prefix>.chunk_<i>}.
 */
public record LoaderKeys(String prefix) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

  public LoaderKeys {
    if (!SAFE.matcher(prefix).matches()) {
      throw new HarnessException("Key prefix '" + prefix + "' must be 1-100 characters of letters, digits and _.:-.");
    }
  }

  public String list() {
    return prefix + ":list";
  }

  public String done() {
    return prefix + ":done";
  }

  public String lockName(int chunk) {
    return prefix.replace(':', '.') + ".chunk_" + chunk;
  }
}
