package io.redisrace.chaos.runner;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.TopologyFaultAdapter;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import java.util.List;

/**
 * What a chaos run writes to: {@code --topology single|sentinel}, {@code --persistence} of every
 * data node, (sentinel only) {@code --min-replicas-to-write}, the server setting that makes a
 * primary refuse writes when fewer replicas are connected, and {@code --copies}: how many
 * independent copies of the deployment the run starts, so that trials that must have one to
 * themselves (every topology fault) run side by side, one per copy.
 */
public record TopologySettings(Topology topology, Persistence persistence, int minReplicasToWrite, int copies) {
  public static final TopologySettings SINGLE = new TopologySettings(Topology.SINGLE, Persistence.NONE, 0);
  /** The most copies a run starts (each Sentinel copy is six processes and a Toxiproxy). */
  public static final int MAX_COPIES = 4;

  public TopologySettings(Topology topology, Persistence persistence, int minReplicasToWrite) {
    this(topology, persistence, minReplicasToWrite, 1);
  }

  public TopologySettings {
    if (copies < 1 || copies > MAX_COPIES) {
      throw new HarnessException("--copies must be between 1 and " + MAX_COPIES + ", not " + copies + ".");
    }
    if (topology == Topology.CLUSTER) {
      throw new HarnessException("Chaos trials do not run on --topology cluster yet (docs/cluster.md); use single or sentinel.");
    }
    if (minReplicasToWrite < 0 || minReplicasToWrite > 2) {
      throw new HarnessException("--min-replicas-to-write must be 0, 1 or 2 (the topology has two replicas), not " + minReplicasToWrite + ".");
    }
    if (minReplicasToWrite > 0 && topology == Topology.SINGLE) {
      throw new HarnessException("--min-replicas-to-write needs replicas; add --topology sentinel.");
    }
  }

  public boolean sentinel() {
    return topology == Topology.SENTINEL;
  }

  /** One sentence when the server or a fault cannot run on this topology. */
  void check(String server, List<Fault> faults) {
    for (Fault f : faults) {
      boolean topologyFault = f instanceof TopologyFaultAdapter;
      if (topologyFault && !sentinel()) {
        throw new HarnessException("Fault " + f.id() + " strikes a Sentinel topology; add --topology sentinel (with --server 6.2 or 7.0).");
      }
      if (!topologyFault && f.exclusive() && sentinel()) {
        throw new HarnessException("Fault " + f.id() + " strikes the one redis-server of --topology single; on sentinel use "
            + "the topology faults.");
      }
    }
    if (sentinel()) {
      topology.requireRunnableOn(ServerSpec.parse(server).kind());
    }
  }

  /** The flags that bring this topology back in a replay command ("" for the default single). */
  String flags() {
    if (!sentinel() && persistence == Persistence.NONE) {
      return "";
    }
    return " --topology " + topology.id() + " --persistence " + persistence.id()
        + (minReplicasToWrite == 0 ? "" : " --min-replicas-to-write " + minReplicasToWrite);
  }
}
