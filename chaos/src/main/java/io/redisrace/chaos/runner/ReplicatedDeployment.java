package io.redisrace.chaos.runner;

import io.redisrace.client.ClientMode;
import io.redisrace.process.Ports;
import io.redisrace.topology.DataNode;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * What the Sentinel and the cluster deployment share: several {@link DataNode}s on the run's
 * Toxiproxy (embedded processes), one of which is "the primary" of the trial keys ({@link #primaryNode()}),
 * loader A's own proxy to each node, and each node's length of the trial's list.
 */
abstract class ReplicatedDeployment implements Deployment {
  private final ToxiproxyServer toxiproxy;

  ReplicatedDeployment(ToxiproxyServer toxiproxy) {
    this.toxiproxy = toxiproxy;
  }

  /** The node that serves the trial keys now: the Sentinels' primary, or the primary of the keys' slot. */
  abstract DataNode primaryNode();

  /** The data nodes, in order. */
  abstract List<DataNode> nodes();

  @Override
  public String version() {
    try (Jedis j = admin()) {
      return j.info("server").lines().filter(l -> l.startsWith("redis_version:")).map(l -> l.substring("redis_version:".length()).strip())
          .findFirst().orElse(id());
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
  public Jedis admin() {
    return ClientMode.jedis(Ports.LOOPBACK, primaryNode().port());
  }

  @Override
  public HostAndPort primaryAddress() {
    return new HostAndPort(Ports.LOOPBACK, primaryNode().port());
  }

  @Override
  public String primaryName() {
    return primaryNode().name();
  }

  /**
   * Loader A's own proxies, one per node, named {@code <prefix>-<node>}: {@code map} from each node's
   * announced (peer) address to A's proxy of it, and {@code toPrimary}, A's proxy of {@code primary}.
   */
  record OwnProxies(List<RedisProxy> all, Map<HostAndPort, HostAndPort> map, RedisProxy toPrimary) {
    void close() {
      all.forEach(RedisProxy::close);
    }
  }

  OwnProxies ownProxies(String prefix, DataNode primary) {
    List<RedisProxy> own = new ArrayList<>();
    Map<HostAndPort, HostAndPort> map = new LinkedHashMap<>();
    RedisProxy toPrimary = null;
    try {
      for (DataNode n : nodes()) {
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
    return new OwnProxies(own, map, toPrimary);
  }

  /**
   * The length of {@code key} on each node, -1 for a node that does not answer or answers an error,
   * except a node whose error says it holds no copy ({@link #holdsNoCopy}), which is left out.
   */
  @Override
  public Map<String, Long> listLengths(String key) {
    Map<String, Long> lengths = new LinkedHashMap<>();
    for (DataNode n : nodes()) {
      try (Jedis j = n.jedis()) {
        prepareRead(j);
        lengths.put(n.name(), j.llen(key));
      } catch (JedisDataException e) {
        if (!holdsNoCopy(e)) {
          lengths.put(n.name(), -1L);
        }
      } catch (JedisException down) {
        lengths.put(n.name(), -1L);
      }
    }
    return lengths;
  }

  /** What a connection to a node needs before it may read a replica's copy (a cluster: READONLY). */
  void prepareRead(Jedis j) {}

  /** True when {@code e}, a node's answer to LLEN, says the node holds no copy of the key (a cluster node of another slot). */
  boolean holdsNoCopy(JedisDataException e) {
    return false;
  }
}
