package io.redisrace.loader;

import java.util.List;

/**
 * The Redis side of a loader, one connection, for one client library: the commands a
 * {@link LoaderVariant} is written with. The variant decides which to send; a store only runs them,
 * the way users of its client write them. Errors are the client's own exceptions.
 */
public interface ChunkStore extends AutoCloseable {

  /** RESP2 bytes of {@code +OK\r\n}, MULTI's reply. */
  long MULTI_REPLY_BYTES = 5;
  /** RESP2 bytes of {@code +QUEUED\r\n}, the reply to each command queued in a MULTI. */
  long QUEUED_REPLY_BYTES = 9;

  /** {@code SCRIPT LOAD script}, so that {@link #eval} can send {@code EVALSHA}. */
  void scriptLoad(String script);

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
   * {@code MULTI; LPUSH list rows...; [SETBIT done chunk 1;] EXEC}: the commit of the MULTI
   * variants ({@code mark}: with the SETBIT).
   */
  void multiPush(int chunk, List<String> rows, boolean mark);

  /** {@code EVALSHA} of the script (its text on NOSCRIPT); the script's integer reply. */
  long eval(String script, List<String> keys, List<String> args);

  /** Any command whose reply is a status or a bulk string ({@code SET k v NX PX 100}): the reply, null for nil. */
  String command(String... args);

  /** {@code WAIT replicas timeoutMs}: how many replicas acknowledged every write of this connection so far. */
  long waitReplicas(int replicas, long timeoutMs);

  /** {@code connected_slaves} of {@code INFO replication}: replicas connected to the node this connection is on. */
  int connectedReplicas();

  /** {@code connected_slaves:N} of an {@code INFO replication} reply (0 when absent). */
  static int connectedReplicas(String info) {
    return info.lines().filter(l -> l.startsWith("connected_slaves:")).map(l -> Integer.parseInt(l.substring(17).strip()))
        .findFirst().orElse(0);
  }

  /**
   * On a cluster: when {@code e} is a redirect of the store's node ({@code MOVED}, {@code ASK},
   * {@code TRYAGAIN}, or the {@code EXECABORT} of a MULTI whose command was redirected: nothing ran),
   * points the store at the slot's primary again (a fresh slot map; after ASK or TRYAGAIN, a slot
   * migration in progress, a short pause first) and returns true: the step may be sent again without
   * running twice. False on one server and for any other error.
   */
  default boolean reroute(RuntimeException e) {
    return false;
  }

  /** True when {@code e}'s message is a cluster redirect, or EXECABORT (a discarded MULTI ran nothing). */
  static boolean isRedirect(RuntimeException e) {
    String m = String.valueOf(e.getMessage()).strip();
    return m.startsWith("MOVED ") || m.startsWith("ASK ") || m.startsWith("TRYAGAIN") || m.startsWith("EXECABORT");
  }

  /** The pause before a step is sent again after {@code e}: a migration in progress (ASK, TRYAGAIN) gets time to end. */
  static void pauseAfter(RuntimeException e) {
    String m = String.valueOf(e.getMessage()).strip();
    if (m.startsWith("ASK ") || m.startsWith("TRYAGAIN")) {
      try {
        Thread.sleep(REDIRECT_PAUSE_MS);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** How long {@link #pauseAfter} waits while a slot migrates. */
  long REDIRECT_PAUSE_MS = 50;

  @Override
  void close();

  /** True when a CLIENT LIST reply shows a connection named {@code name}. */
  static boolean listHasName(String clientList, String name) {
    String needle = "name=" + name + " ";
    String last = "name=" + name;
    return clientList.lines().anyMatch(l -> l.contains(needle) || l.endsWith(last));
  }
}
