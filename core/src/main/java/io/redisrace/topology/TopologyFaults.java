package io.redisrace.topology;

import io.redisrace.HasId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The registered {@link TopologyFault}s, in the order of {@code META-INF/services/io.redisrace.topology.TopologyFault},
 * and the registered {@link ClusterFault}s ({@code META-INF/services/io.redisrace.topology.ClusterFault}).
 */
public final class TopologyFaults {
  private static volatile List<TopologyFault> all;
  private static volatile List<ClusterFault> cluster;

  private TopologyFaults() {}

  public static List<TopologyFault> all() {
    if (all == null) {
      all = load(TopologyFault.class, "topology faults");
    }
    return all;
  }

  /** The faults of a {@link ClusterTopology}. */
  public static List<ClusterFault> cluster() {
    if (cluster == null) {
      cluster = load(ClusterFault.class, "cluster faults");
    }
    return cluster;
  }

  /** The cluster fault named {@code id}, or one sentence naming the accepted ids. */
  public static ClusterFault parseCluster(String id) {
    return HasId.parse(cluster(), "cluster fault", id);
  }

  private static <F extends HasId> List<F> load(Class<F> type, String what) {
    Map<String, F> byId = new LinkedHashMap<>();
    ServiceLoader.load(type, type.getClassLoader()).forEach(f -> HasId.register(byId, f, what));
    return List.copyOf(byId.values());
  }

  /** The fault named {@code id}, or one sentence naming the accepted ids. */
  public static TopologyFault parse(String id) {
    return HasId.parse(all(), "topology fault", id);
  }

  public static String ids() {
    return HasId.ids(all());
  }
}
