package io.redisrace.chaos.nemesis;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import io.redisrace.topology.Topology;
import io.redisrace.topology.TopologyFault;
import io.redisrace.topology.TopologyFaults;

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
    static final List<Fault> WITH_TOPOLOGY = withTopology(ALL);
    static final List<Fault> SENTINEL = WITH_TOPOLOGY.stream()
        .filter(f -> f instanceof TopologyFaultAdapter a && a.topology() == Topology.SENTINEL).toList();
    static final List<Fault> CLUSTER = WITH_TOPOLOGY.stream()
        .filter(f -> f instanceof TopologyFaultAdapter a && a.topology() == Topology.CLUSTER).toList();
  }

  /** Every fault by id: the registered ones, then one adapter per topology fault, then one per cluster fault. */
  private static List<Fault> withTopology(List<Fault> all) {
    Map<String, Fault> byId = new LinkedHashMap<>();
    all.forEach(f -> byId.put(f.id(), f));
    TopologyFaults.all().forEach(f -> HasId.register(byId, new TopologyFaultAdapter(f), "faults and topology faults"));
    TopologyFaults.cluster().forEach(f -> HasId.register(byId, new TopologyFaultAdapter(f), "faults, topology and cluster faults"));
    return List.copyOf(byId.values());
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

  /** A fault of one server or of a topology ({@link #forTopology}), by id. */
  public static Fault parse(String text) {
    return HasId.parse(Holder.WITH_TOPOLOGY, "fault", text);
  }

  public static String ids() {
    return HasId.ids(Holder.WITH_TOPOLOGY);
  }

  /**
   * The faults a run on {@code topology} may use: every registered fault, and after them on
   * {@code sentinel} one {@link TopologyFaultAdapter} per registered {@link TopologyFault}, on
   * {@code cluster} one per registered {@link io.redisrace.topology.ClusterFault}.
   */
  public static List<Fault> forTopology(Topology topology) {
    if (topology == Topology.SINGLE) {
      return all();
    }
    List<Fault> f = new java.util.ArrayList<>(all());
    f.addAll(topologyFaults(topology));
    return List.copyOf(f);
  }

  /** The faults that strike a Sentinel topology, in the order of the topology fault registry. */
  public static List<Fault> topologyFaults() {
    return Holder.SENTINEL;
  }

  /** The faults that strike {@code topology} (sentinel or cluster), in the order of its registry; none for single. */
  public static List<Fault> topologyFaults(Topology topology) {
    return switch (topology) {
      case SINGLE -> List.of();
      case SENTINEL -> Holder.SENTINEL;
      case CLUSTER -> Holder.CLUSTER;
    };
  }
}
