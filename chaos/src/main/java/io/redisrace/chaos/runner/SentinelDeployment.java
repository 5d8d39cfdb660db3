package io.redisrace.chaos.runner;

import io.redisrace.chaos.workload.LoaderSpec;
import io.redisrace.client.ClientMode;
import io.redisrace.process.Ports;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelEndpoint;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code --topology sentinel}: a {@link SentinelTopology} on the run's Toxiproxy. Every loader asks
 * the Sentinels for the primary (through their client proxies); loader A dials proxies of its own,
 * one per node, so that a toxic on A's proxy of the primary hits A alone; the competitors dial the
 * nodes' client proxies.
 */
final class SentinelDeployment implements Deployment {
  private final SentinelTopology topology;
  private final ToxiproxyServer toxiproxy;

  SentinelDeployment(SentinelTopology topology, ToxiproxyServer toxiproxy) {
    this.topology = topology;
    this.toxiproxy = toxiproxy;
  }

  @Override
  public String id() {
    return topology.spec().id();
  }

  @Override
  public String version() {
    try (Jedis j = admin()) {
      String info = j.info("server");
      return info.lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
          .findFirst().orElse(topology.spec().id());
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
  public Paths paths(String prefix, LoaderSpec base) {
    List<RedisProxy> own = new ArrayList<>();
    Map<HostAndPort, HostAndPort> map = new LinkedHashMap<>();
    DataNode primary = topology.primary();
    RedisProxy toPrimary = null;
    try {
      for (DataNode n : topology.nodes()) {
        RedisProxy p = toxiproxy.proxy(prefix + "-" + n.name(), Ports.LOOPBACK + ":" + n.port());
        own.add(p);
        map.put(n.peerAddress(), new HostAndPort(p.host(), p.port()));
        if (n == primary) {
          toPrimary = p;
        }
      }
    } catch (RuntimeException e) {
      own.forEach(RedisProxy::close);
      throw e;
    }
    SentinelEndpoint all = SentinelEndpoint.of(topology);
    HostAndPort first = all.sentinels().get(0);
    LoaderSpec a = base.at(first.getHost(), first.getPort()).via(all.withNodeMap(map));
    LoaderSpec others = base.at(first.getHost(), first.getPort()).via(all);
    return new Paths(a, others, toPrimary, () -> own.forEach(RedisProxy::close));
  }

  @Override
  public Jedis admin() {
    return ClientMode.jedis(Ports.LOOPBACK, topology.primary().port());
  }

  @Override
  public HostAndPort primaryAddress() {
    return new HostAndPort(Ports.LOOPBACK, topology.primary().port());
  }

  @Override
  public String primaryName() {
    return topology.primary().name();
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
  public Map<String, Long> listLengths(String key) {
    Map<String, Long> lengths = new LinkedHashMap<>();
    for (DataNode n : topology.nodes()) {
      try (Jedis j = n.jedis()) {
        lengths.put(n.name(), j.llen(key));
      } catch (JedisException down) {
        lengths.put(n.name(), -1L);
      }
    }
    return lengths;
  }

  @Override
  public void close() {
    topology.close();
  }
}
