package io.redisrace.loader;

import io.redisrace.HarnessException;
import java.util.regex.Pattern;

/**
 * The Redis keys of one load: {@code <prefix>:list} (the rows) and {@code <prefix>:done} (the
 * bitmap of finished chunks), and the connection name that "locks" chunk i in
 * {@code client-name-lock}: {@code <prefix>.chunk_<i>}. A prefix that begins with a hash tag
 * ({@code {redis-race}:load}, {@link #tagged}) puts both keys in one cluster slot, so that MULTI and
 * the scripts on the two keys run on a cluster (no CROSSSLOT).
 */
public record LoaderKeys(String prefix) {
  private static final Pattern SAFE = Pattern.compile("(\\{[A-Za-z0-9_.:-]{1,40}\\})?[A-Za-z0-9_.:-]{1,100}");

  public LoaderKeys {
    if (!SAFE.matcher(prefix).matches()) {
      throw new HarnessException("Key prefix '" + prefix + "' must be 1-100 characters of letters, digits and _.:-, "
          + "after an optional hash tag such as {redis-race}.");
    }
  }

  /** The keys of {@code prefix} in the slot of {@code hashTag} ({@code {redis-race}}): {@code {redis-race}:prefix:list}. */
  public static LoaderKeys tagged(String hashTag, String prefix) {
    return new LoaderKeys(hashTag + ":" + prefix);
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
