package io.redisrace.chaos.runner;

import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.process.Ports;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterFault;
import io.redisrace.topology.ClusterTopology;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code --topology cluster}: a {@link ClusterTopology} on the run's Toxiproxy. A trial's keys carry
 * {@link ClusterTopology#HASH_TAG} ({@code {redis-race}:<trial>:list} and {@code :done}), so they
 * share the slot the cluster faults strike, and MULTI and the scripts touch one slot. Every loader
 * is a cluster client ({@code LoaderMain --cluster --node-map}) running its variant on the
 * connection to that slot's primary; loader A dials proxies of its own, one per node (its seeds and
 * the node map), so that a toxic on A's proxy of the slot's primary hits A alone; the competitors
 * dial the nodes' client proxies. "The primary" here is always the primary serving that slot.
 */
final class ClusterDeployment implements Deployment {
  private final ClusterTopology cluster;
  private final ToxiproxyServer toxiproxy;
  private final int slot = ClusterFault.slot();

  ClusterDeployment(ClusterTopology cluster, ToxiproxyServer toxiproxy) {
    this.cluster = cluster;
    this.toxiproxy = toxiproxy;
  }

  @Override
  public String id() {
    return cluster.spec().id();
  }

  @Override
  public String version() {
    try (Jedis j = admin()) {
      return j.info("server").lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
          .findFirst().orElse(cluster.spec().id());
    }
  }

  @Override
  public String backend() {
    return "embedded";
  }

  @Override
  public ToxiproxyServer toxiproxy() {
    return toxiproxy;
  }

  @Override
  public LoaderKeys keys(String prefix) {
    return LoaderKeys.tagged(ClusterTopology.HASH_TAG, prefix);
  }

  @Override
  public Paths paths(String prefix, LoaderSpec base) {
    List<RedisProxy> own = new ArrayList<>();
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    Map<HostAndPort, HostAndPort> map = new LinkedHashMap<>();
    DataNode primary = cluster.primaryOf(slot);
    RedisProxy toPrimary = null;
    try {
      for (DataNode n : cluster.nodes()) {
        RedisProxy p = toxiproxy.proxy(prefix + "-" + n.name(), Ports.LOOPBACK + ":" + n.port());
        own.add(p);
        HostAndPort via = new HostAndPort(p.host(), p.port());
        seeds.add(via);
        map.put(n.peerAddress(), via);
        if (n == primary) {
          toPrimary = p;
        }
      }
    } catch (RuntimeException e) {
      own.forEach(RedisProxy::close);
      throw e;
    }
    ClusterAddresses all = cluster.addresses();
    HostAndPort first = seeds.iterator().next();
    LoaderSpec a = base.at(first.getHost(), first.getPort()).via(new ClusterAddresses(seeds, map));
    HostAndPort firstClient = primary.clientAddress();
    LoaderSpec others = base.at(firstClient.getHost(), firstClient.getPort()).via(all);
    return new Paths(a, others, toPrimary, () -> own.forEach(RedisProxy::close));
  }

  @Override
  public Jedis admin() {
    return ClientMode.jedis(Ports.LOOPBACK, cluster.primaryOf(slot).port());
  }

  @Override
  public HostAndPort primaryAddress() {
    return new HostAndPort(Ports.LOOPBACK, cluster.primaryOf(slot).port());
  }

  @Override
  public String primaryName() {
    return cluster.primaryOf(slot).name();
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

  /**
   * The length of {@code key} on each node that holds a copy of its slot (its primary and that
   * primary's replica, asked after {@code READONLY}); a node that answers MOVED holds none and is
   * left out; -1 for a node that does not answer.
   */
  @Override
  public Map<String, Long> listLengths(String key) {
    Map<String, Long> lengths = new LinkedHashMap<>();
    for (DataNode n : cluster.nodes()) {
      try (Jedis j = n.jedis()) {
        j.readonly();
        lengths.put(n.name(), j.llen(key));
      } catch (JedisDataException moved) {
        // another slot's node
      } catch (JedisException down) {
        lengths.put(n.name(), -1L);
      }
    }
    return lengths;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
