package io.redisrace.chaos.nemesis;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

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
    ServiceLoader.load(Fault.class, Faults.class.getClassLoader()).forEach(f -> HasId.register(byId, f, "faults"));
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

  public static Fault parse(String text) {
    return HasId.parse(all(), "fault", text);
  }

  public static String ids() {
    return HasId.ids(all());
  }
}
