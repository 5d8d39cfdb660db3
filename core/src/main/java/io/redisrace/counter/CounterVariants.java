package io.redisrace.counter;

import io.redisrace.HasId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every counter variant the harness knows: the {@link BuiltInVariant}s, then user variants found
 * with {@link ServiceLoader} ({@code META-INF/services/io.redisrace.counter.CounterVariant}).
 */
public final class CounterVariants {
  private CounterVariants() {}

  public static List<CounterVariant> all() {
    Map<String, CounterVariant> byId = new LinkedHashMap<>();
    Arrays.stream(BuiltInVariant.values()).forEach(v -> byId.put(v.id(), v));
    ServiceLoader.load(CounterVariant.class).forEach(user -> HasId.register(byId, user, "counter variants"));
    return new ArrayList<>(byId.values());
  }

  public static Optional<CounterVariant> byId(String id) {
    return HasId.byId(all(), id);
  }

  /** The variant with this id, or a HarnessException that lists the accepted ids. */
  public static CounterVariant parse(String id) {
    return HasId.parse(all(), "variant", id);
  }

  public static String ids() {
    return HasId.ids(all());
  }
}
