package io.redisrace.counter;

import io.redisrace.HarnessException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Every counter variant the harness knows: the {@link BuiltInVariant}s, then user variants found
 * with {@link ServiceLoader} ({@code META-INF/services/io.redisrace.counter.CounterVariant}).
 */
public final class CounterVariants {
  private CounterVariants() {}

  public static List<CounterVariant> all() {
    Map<String, CounterVariant> byId = new LinkedHashMap<>();
    Arrays.stream(BuiltInVariant.values()).forEach(v -> byId.put(v.id(), v));
    for (CounterVariant user : ServiceLoader.load(CounterVariant.class)) {
      CounterVariant previous = byId.putIfAbsent(user.id(), user);
      if (previous != null && previous != user) {
        throw new HarnessException("Two counter variants are named '" + user.id() + "' (" + previous.getClass().getName()
            + " and " + user.getClass().getName() + "); rename one.");
      }
    }
    return new ArrayList<>(byId.values());
  }

  public static Optional<CounterVariant> byId(String id) {
    return all().stream().filter(v -> v.id().equals(id)).findFirst();
  }

  /** The variant with this id, or a HarnessException that lists the accepted ids. */
  public static CounterVariant parse(String id) {
    return byId(id).orElseThrow(() -> new HarnessException("Unknown variant '" + id + "'; use one of " + ids() + "."));
  }

  public static String ids() {
    return all().stream().map(CounterVariant::id).collect(Collectors.joining(", "));
  }
}
