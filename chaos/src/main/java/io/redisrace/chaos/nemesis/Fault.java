package io.redisrace.chaos.nemesis;

import io.redisrace.HasId;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import io.redisrace.server.RedisVersion;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One fault of the nemesis, registered by id ({@link Faults}: one class per fault under
 * {@code nemesis/faults/}, listed in {@code META-INF/services/io.redisrace.chaos.nemesis.Fault}), so
 * that schedules, flags and chaos.json refer to it as data. A fault hits loader A of a trial at a
 * chosen chunk, while A is held at a step (so it lands at an exact point of the chunk, not at a
 * lucky time), and heals before {@link #strike} returns. Edge semantics of each are in
 * docs/chaos.md ("Faults and their exact edge semantics"), from the Toxiproxy v2.12 source.
 */
public interface Fault extends HasId {

  /** Short, unique id used in flags and chaos.json ("sigstop"). */
  @Override
  String id();

  /** One line: what the fault does. */
  String summary();

  /** The steps at which this fault may hit a loader of {@code variant}, in preference order; empty for no fault. */
  List<Step> phases(LoaderVariant variant);

  /** True when the fault kills loader A (the supervisor will restart it). */
  default boolean kills() {
    return false;
  }

  /**
   * True when the fault strikes the shared redis-server rather than A's own proxy or process: no
   * other trial may run beside it.
   */
  default boolean exclusive() {
    return false;
  }

  /**
   * True when the fault cuts by a count of bytes ({@code limit_data}): loader A then connects
   * through a {@link ReplyMeter}, so that the fault can say whether it really cut something.
   */
  default boolean countsReplyBytes() {
    return false;
  }

  /** redis.conf directives a server of {@code version} needs for this fault ({@code enable-debug-command}). */
  default Map<String, String> serverConfig(RedisVersion version) {
    return Map.of();
  }

  /**
   * Strikes A, held at the planned step of {@code t.chunk()}, runs the competitor while the fault
   * holds, heals. {@link Nemesis#strike} wraps it: history entries, and a heal whatever happens.
   */
  Nemesis.Strike strike(Target t) throws IOException, InterruptedException;

  /** The no-fault "fault" ({@value Faults#NONE}). */
  default boolean isNone() {
    return Faults.NONE.equals(id());
  }
}
