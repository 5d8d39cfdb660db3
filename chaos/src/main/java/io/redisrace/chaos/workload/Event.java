package io.redisrace.chaos.workload;

import io.redisrace.loader.Step;
import java.util.Map;

/** One progress event of a loader, as it came over the control channel. */
public record Event(String loader, Step step, int chunk, Map<String, Object> fields) {

  public boolean is(Step s, int c) {
    return step == s && (c < 0 || chunk == c);
  }

  public Object get(String key) {
    return fields.get(key);
  }
}
