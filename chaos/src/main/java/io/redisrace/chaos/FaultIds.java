package io.redisrace.chaos;

import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.Faults;
import java.util.Iterator;

/** The registered fault ids, for help texts: those of one server, then the Sentinel topology's, then the cluster's. */
final class FaultIds implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    java.util.List<Fault> all = new java.util.ArrayList<>(Faults.forTopology(io.redisrace.topology.Topology.SENTINEL));
    all.addAll(Faults.topologyFaults(io.redisrace.topology.Topology.CLUSTER));
    return all.stream().map(Fault::id).iterator();
  }
}
