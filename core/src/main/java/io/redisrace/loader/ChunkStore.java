package io.redisrace.loader;

import java.util.List;

/**
 * The Redis side of a loader, one connection, for one client library. The variant logic lives in
 * {@link Loader}; a store only runs the commands. Errors are the client's own exceptions.
 */
interface ChunkStore extends AutoCloseable {

  /** Loads what the variant needs before any chunk (the fenced script: SCRIPT LOAD). */
  void prepare(LoaderVariant variant);

  /** {@code GETBIT done chunk == 1}. */
  boolean isMarked(int chunk);

  /**
   * The {@code client-name-lock} "lock": {@code MULTI; CLIENT LIST; CLIENT SETNAME name; EXEC}.
   * True when no other connection bore {@code name} in the CLIENT LIST.
   */
  boolean tryNameLock(String name);

  /** {@code CLIENT SETNAME ""}. */
  void releaseNameLock();

  /**
   * Commits a chunk the variant's way; true when rows were written (the fenced script answers
   * false when the chunk was already loaded).
   */
  boolean commit(LoaderVariant variant, int chunk, List<String> rows);

  @Override
  void close();

  /** True when a CLIENT LIST reply shows a connection named {@code name}. */
  static boolean listHasName(String clientList, String name) {
    String needle = "name=" + name + " ";
    String last = "name=" + name;
    return clientList.lines().anyMatch(l -> l.contains(needle) || l.endsWith(last));
  }
}
