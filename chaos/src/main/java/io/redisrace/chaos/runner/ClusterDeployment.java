package io.redisrace.chaos.runner;

import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * {@code --topology cluster}: a {@link ClusterTopology} on the run's Toxiproxy. A trial's keys carry
 * {@link ClusterTopology#HASH_TAG} ({@code {redis-race}:<trial>:list} and {@code :done}), so they
 * share the slot the cluster faults strike, and MULTI and the scripts touch one slot. Every loader
 * is a cluster client ({@code LoaderMain --cluster --node-map}) running its variant on the
 * connection to that slot's primary; loader A dials proxies of its own, one per node (its seeds and
 * the node map), so that a toxic on A's proxy of the slot's primary hits A alone; the competitors
 * dial the nodes' client proxies. "The primary" here is always the primary serving that slot.
 */
final class ClusterDeployment extends ReplicatedDeployment {
  private final ClusterTopology cluster;
  private final int slot = ClusterFault.slot();

  private final ClusterClients.Refresh refresh;

  ClusterDeployment(ClusterTopology cluster, ToxiproxyServer toxiproxy, ClusterClients.Refresh refresh) {
    super(toxiproxy);
    this.cluster = cluster;
    this.refresh = refresh;
  }

  @Override
  public String id() {
    return cluster.spec().id();
  }

  @Override
  DataNode primaryNode() {
    return cluster.primaryOf(slot);
  }

  @Override
  List<DataNode> nodes() {
    return cluster.nodes();
  }

  @Override
  public LoaderKeys keys(String prefix) {
    return LoaderKeys.tagged(ClusterTopology.HASH_TAG, prefix);
  }

  @Override
  public Paths paths(String prefix, LoaderSpec base) {
    DataNode primary = cluster.primaryOf(slot);
    OwnProxies own = ownProxies(prefix, primary);
    Set<HostAndPort> seeds = new LinkedHashSet<>(own.map().values());
    HostAndPort first = seeds.iterator().next();
    LoaderSpec a = base.at(first.getHost(), first.getPort()).via(new ClusterAddresses(seeds, own.map())).refreshing(refresh);
    HostAndPort firstClient = primary.clientAddress();
    LoaderSpec others = base.at(firstClient.getHost(), firstClient.getPort()).via(cluster.addresses()).refreshing(refresh);
    return new Paths(a, others, own.toPrimary(), own::close);
  }

  @Override
  public Optional<SentinelTopology> topology() {
    return Optional.empty();
  }

  @Override
  public Optional<ClusterTopology> cluster() {
    return Optional.of(cluster);
  }

  @Override
  public Optional<String> awaitHealthy() {
    return cluster.awaitHealthy(TopologyFault.HEAL_BOUND);
  }

  /** A replica's copy of the slot is read after {@code READONLY}. */
  @Override
  void prepareRead(Jedis j) {
    j.readonly();
  }

  /** A node of another slot answers MOVED (any error, as before: such a node is left out of the lengths). */
  @Override
  boolean holdsNoCopy(JedisDataException e) {
    return true;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
