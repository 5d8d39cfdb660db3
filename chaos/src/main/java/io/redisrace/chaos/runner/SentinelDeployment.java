package io.redisrace.chaos.runner;

import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelEndpoint;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;

/**
 * {@code --topology sentinel}: a {@link SentinelTopology} on the run's Toxiproxy. Every loader asks
 * the Sentinels for the primary (through their client proxies); loader A dials proxies of its own,
 * one per node, so that a toxic on A's proxy of the primary hits A alone; the competitors dial the
 * nodes' client proxies.
 */
final class SentinelDeployment extends ReplicatedDeployment {
  private final SentinelTopology topology;

  SentinelDeployment(SentinelTopology topology, ToxiproxyServer toxiproxy) {
    super(toxiproxy);
    this.topology = topology;
  }

  @Override
  public String id() {
    return topology.spec().id();
  }

  @Override
  DataNode primaryNode() {
    return topology.primary();
  }

  @Override
  List<DataNode> nodes() {
    return topology.nodes();
  }

  @Override
  public Paths paths(String prefix, LoaderSpec base) {
    OwnProxies own = ownProxies(prefix, topology.primary());
    SentinelEndpoint all = SentinelEndpoint.of(topology);
    HostAndPort first = all.sentinels().get(0);
    LoaderSpec a = base.at(first.getHost(), first.getPort()).via(all.withNodeMap(own.map()));
    LoaderSpec others = base.at(first.getHost(), first.getPort()).via(all);
    return new Paths(a, others, own.toPrimary(), own::close);
  }

  @Override
  public Optional<SentinelTopology> topology() {
    return Optional.of(topology);
  }

  @Override
  public Optional<String> awaitHealthy() {
    return topology.awaitHealthy(TopologyFault.HEAL_BOUND);
  }

  @Override
  public void close() {
    topology.close();
  }
}
