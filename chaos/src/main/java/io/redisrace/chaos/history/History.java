package io.redisrace.chaos.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A thread-safe, append-only history of one trial. */
public final class History {
  private final long start = System.nanoTime();
  private final List<Op> ops = new ArrayList<>();

  public synchronized Op add(String process, Op.Type type, String f, Object value, Map<String, Object> detail) {
    Op op = new Op(ops.size(), (System.nanoTime() - start) / 1_000_000, process, type, f, value, detail == null ? Map.of() : Map.copyOf(detail));
    ops.add(op);
    return op;
  }

  public Op add(String process, Op.Type type, String f, Object value) {
    return add(process, type, f, value, Map.of());
  }

  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /** A history made by hand (checker tests). */
  public static List<Op> of(Op... ops) {
    return List.of(ops);
  }
}
