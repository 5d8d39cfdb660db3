package io.redisrace.topology;

import io.redisrace.HasId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registered {@link TopologyFault}s, in the order of {@code META-INF/services/io.redisrace.topology.TopologyFault}. */
public final class TopologyFaults {
  private static volatile List<TopologyFault> all;

  private TopologyFaults() {}

  public static List<TopologyFault> all() {
    if (all == null) {
      Map<String, TopologyFault> byId = new LinkedHashMap<>();
      ServiceLoader.load(TopologyFault.class, TopologyFault.class.getClassLoader())
          .forEach(f -> HasId.register(byId, f, "topology faults"));
      all = List.copyOf(byId.values());
    }
    return all;
  }

  /** The fault named {@code id}, or one sentence naming the accepted ids. */
  public static TopologyFault parse(String id) {
    return HasId.parse(all(), "topology fault", id);
  }

  public static String ids() {
    return HasId.ids(all());
  }
}
