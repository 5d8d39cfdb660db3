package io.redisrace.loader;

import io.redisrace.HarnessException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How a loader commits one chunk (docs/chaos.md, "The loader variants"). Every variant reads chunk {@code i} (rows
 * {@code i*size .. i*size+size-1} in id order) and pushes one list element per row.
 *
 * <ul>
 *   <li>{@code plain}: {@code MULTI; LPUSH list rows...; EXEC}. No marks: a re-run loads everything
 *       again.</li>
 *   <li>{@code bitmap}: {@code GETBIT done i} and skip when 1; else {@code MULTI; LPUSH...; SETBIT
 *       done i 1; EXEC}. The check and the commit are two steps: two loaders, or one loader and its
 *       own retry, can both pass the check.</li>
 *   <li>{@code client-name-lock}: the design people copy. {@code GETBIT}; then the "lock"
 *       {@code MULTI; CLIENT LIST; CLIENT SETNAME <prefix>.chunk_i; EXEC}, skipping the chunk when
 *       another connection already bears that name; then {@code MULTI; LPUSH...; SETBIT; EXEC} and
 *       {@code CLIENT SETNAME ""}. The bit is read before the lock is taken and the "lock" is a
 *       connection name, which a reset or a reconnect silently drops.</li>
 *   <li>{@code fenced}: the commit is one script that pushes and sets the bit only if the bit is
 *       still 0 ({@link LoaderScripts#FENCED_COMMIT}). Running it twice is harmless, so retries,
 *       replays, restarts and concurrent loaders cannot duplicate; a chunk whose commit was lost is
 *       loaded by the next run: exactly-once.</li>
 * </ul>
 */
public enum LoaderVariant {
  PLAIN("plain", false),
  BITMAP("bitmap", true),
  CLIENT_NAME_LOCK("client-name-lock", true),
  FENCED("fenced", true);

  private final String id;
  private final boolean marks;

  LoaderVariant(String id, boolean marks) {
    this.id = id;
    this.marks = marks;
  }

  public String id() {
    return id;
  }

  /** True when the variant marks finished chunks in the bitmap (all but {@code plain}). */
  public boolean marksChunks() {
    return marks;
  }

  public static LoaderVariant parse(String text) {
    return byId(text).orElseThrow(() ->
        new HarnessException("Unknown loader variant '" + text + "'; use one of " + ids() + "."));
  }

  public static Optional<LoaderVariant> byId(String id) {
    return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
  }

  public static String ids() {
    return Arrays.stream(values()).map(LoaderVariant::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
