package io.redisrace.chaos.nemesis;

import io.redisrace.HarnessException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Every fault the nemesis knows, found once with {@link ServiceLoader} in the order of
 * {@code META-INF/services/io.redisrace.chaos.nemesis.Fault} (that order is the matrix's and the
 * heat table's). One instance per id, so faults compare by identity.
 */
public final class Faults {
  /** The id of the no-fault cell. */
  public static final String NONE = "none";

  private Faults() {}

  private static final class Holder {
    static final List<Fault> ALL = load();
  }

  private static List<Fault> load() {
    Map<String, Fault> byId = new LinkedHashMap<>();
    for (Fault f : ServiceLoader.load(Fault.class, Faults.class.getClassLoader())) {
      Fault previous = byId.putIfAbsent(f.id(), f);
      if (previous != null && previous.getClass() != f.getClass()) {
        throw new HarnessException("Two faults are named '" + f.id() + "' (" + previous.getClass().getName() + " and "
            + f.getClass().getName() + "); rename one.");
      }
    }
    if (!byId.containsKey(NONE)) {
      throw new HarnessException("No fault '" + NONE + "' is registered; META-INF/services/" + Fault.class.getName() + " is incomplete.");
    }
    return List.copyOf(byId.values());
  }

  public static List<Fault> all() {
    return Holder.ALL;
  }

  /** The no-fault fault. */
  public static Fault none() {
    return parse(NONE);
  }

  public static Optional<Fault> byId(String id) {
    return all().stream().filter(f -> f.id().equals(id)).findFirst();
  }

  public static Fault parse(String text) {
    return byId(text).orElseThrow(() -> new HarnessException("Unknown fault '" + text + "'; use one of " + ids() + "."));
  }

  public static String ids() {
    return all().stream().map(Fault::id).collect(Collectors.joining(", "));
  }
}
