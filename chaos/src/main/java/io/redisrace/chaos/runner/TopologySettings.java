package io.redisrace.chaos.runner;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.chaos.nemesis.TopologyFaultAdapter;
import io.redisrace.server.ServerSpec;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.Persistence;
import io.redisrace.topology.Topology;
import java.util.List;

/**
 * What a chaos run writes to: {@code --topology single|sentinel|cluster}, {@code --persistence} of
 * every data node, (sentinel only) {@code --min-replicas-to-write}, the server setting that makes a
 * primary refuse writes when fewer replicas are connected, and {@code --copies}: how many
 * independent copies of the deployment the run starts, so that trials that must have one to
 * themselves (every topology fault) run side by side, one per copy; (cluster only)
 * {@code --topology-refresh}, how the Lettuce loaders' cluster clients keep their slot map.
 */
public record TopologySettings(Topology topology, Persistence persistence, int minReplicasToWrite, int copies, ClusterClients.Refresh refresh) {
  public static final TopologySettings SINGLE = new TopologySettings(Topology.SINGLE, Persistence.NONE, 0);
  /** The most copies a run starts (each Sentinel copy is six processes and a Toxiproxy). */
  public static final int MAX_COPIES = 4;

  public TopologySettings(Topology topology, Persistence persistence, int minReplicasToWrite) {
    this(topology, persistence, minReplicasToWrite, 1);
  }

  public TopologySettings(Topology topology, Persistence persistence, int minReplicasToWrite, int copies) {
    this(topology, persistence, minReplicasToWrite, copies, ClusterClients.Refresh.STATIC);
  }

  public TopologySettings {
    refresh = refresh == null ? ClusterClients.Refresh.STATIC : refresh;
    if (refresh != ClusterClients.Refresh.STATIC && topology != Topology.CLUSTER) {
      throw new HarnessException("--topology-refresh " + refresh.id() + " is a setting of the loaders' cluster clients; add --topology cluster.");
    }
    if (copies < 1 || copies > MAX_COPIES) {
      throw new HarnessException("--copies must be between 1 and " + MAX_COPIES + ", not " + copies + ".");
    }
    if (minReplicasToWrite < 0 || minReplicasToWrite > 2) {
      throw new HarnessException("--min-replicas-to-write must be 0, 1 or 2 (the topology has two replicas), not " + minReplicasToWrite + ".");
    }
    if (minReplicasToWrite > 0 && topology != Topology.SENTINEL) {
      throw new HarnessException("--min-replicas-to-write is a setting of the Sentinel topology's primary; add --topology sentinel.");
    }
  }

  public boolean sentinel() {
    return topology == Topology.SENTINEL;
  }

  /** Sentinel or cluster: several data nodes, one Toxiproxy on the embedded backend. */
  public boolean replicated() {
    return topology != Topology.SINGLE;
  }

  /** One sentence when the server or a fault cannot run on this topology. */
  void check(String server, List<Fault> faults) {
    if (server != null && server.trim().startsWith(ClusterAddresses.SCHEME)) {
      refuseUsersCluster(server, faults);
    }
    for (Fault f : faults) {
      Topology needs = f instanceof TopologyFaultAdapter a ? a.topology() : null;
      if (needs != null && needs != topology) {
        throw new HarnessException("Fault " + f.id() + " strikes " + (needs == Topology.SENTINEL ? "a Sentinel topology" : "a cluster")
            + "; add --topology " + needs.id() + " (with --server 6.2 or 7.0).");
      }
      if (needs == null && f.exclusive() && replicated()) {
        throw new HarnessException("Fault " + f.id() + " strikes the one redis-server of --topology single; on " + topology.id()
            + " use its topology faults.");
      }
    }
    if (replicated()) {
      topology.requireRunnableOn(ServerSpec.parse(server).unpinned()); // shipped or installed, 5.0 or later
    }
  }

  /**
   * A user's own cluster ({@code redis-cluster://host:port,...}) is never started, stopped or struck:
   * a fault that needs to own its processes or its links is refused by name, and so, for now, is any
   * chaos trial on it (one sentence each).
   */
  private static void refuseUsersCluster(String server, List<Fault> faults) {
    for (Fault f : faults) {
      if (f instanceof TopologyFaultAdapter || f.exclusive()) {
        throw new HarnessException("Fault " + f.id() + " needs to own the cluster's processes and links, and " + server.trim()
            + " is your own cluster, which the harness never starts, stops or strikes; run it with --topology cluster --server 7.0.");
      }
    }
    throw new HarnessException("Chaos trials on your own cluster (" + server.trim() + ") are not run yet; run them on "
        + "--topology cluster --server 7.0, a cluster the harness starts and stops.");
  }

  /** The flags that bring this topology back in a replay command ("" for the default single). */
  public String flags() {
    if (!replicated() && persistence == Persistence.NONE) {
      return "";
    }
    return " --topology " + topology.id() + " --persistence " + persistence.id()
        + (minReplicasToWrite == 0 ? "" : " --min-replicas-to-write " + minReplicasToWrite)
        + (refresh == ClusterClients.Refresh.STATIC ? "" : " --topology-refresh " + refresh.id());
  }
}
