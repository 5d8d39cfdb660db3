package io.redisrace.chaos.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One entry of a Jepsen-style history. A loader's commit of chunk i is an {@code invoke} (the commit
 * is about to be sent) completed by {@code ok} (reply arrived), {@code fail} (certainly not applied)
 * or {@code info} (unknown: error, timeout, or the process died with the commit open). Faults are in
 * the same history as {@code info} ops of process {@code nemesis} ({@code f} = start/stop).
 *
 * @param index   position in the history
 * @param timeMs  milliseconds since the trial began
 * @param process loader name ("A", "A'1", "B") or "nemesis"
 * @param type    invoke, ok, fail or info
 * @param f       commit, kill, start, stop, exit, ...
 * @param value   chunk index, fault id, exit code...
 * @param detail  extra facts (applied, error, step)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Op(int index, long timeMs, String process, Type type, String f, Object value, Map<String, Object> detail) {

  /** Completion types of Jepsen. */
  public enum Type {
    invoke, ok, fail, info
  }
}
