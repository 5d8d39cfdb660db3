package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * One redis-server of a {@link SentinelTopology} (primary or replica, as Sentinel decides) or of a
 * {@link ClusterTopology}, with its proxies: the <em>peer</em> proxy, whose address the node
 * announces ({@code replica-announce-ip/port}, in a cluster also {@code cluster-announce-ip/port})
 * and which Sentinels and replicas dial, and the <em>client</em> proxy, which clients dial instead
 * (they map the peer address Sentinel or {@code CLUSTER SLOTS} hands out to it). A cluster node has a
 * third, the <em>bus</em> proxy to its cluster bus port, which it announces
 * ({@code cluster-announce-bus-port}) and the other nodes dial. Its data directory (AOF,
 * {@code nodes.conf}) outlives a kill, so that a restart finds its files.
 */
public final class DataNode implements AutoCloseable {
  private final String name;
  private final ServerSpec spec;
  private final Persistence persistence;
  private final Map<String, String> config;
  private final Path dataDir;
  private final RedisProxy peer;
  private final RedisProxy client;
  private final RedisProxy bus; // null outside a cluster
  private final int port;
  private final Map<String, String> fixedConfig = new LinkedHashMap<>(); // what a restart passes again
  private volatile RedisServer server; // null while killed

  private DataNode(String name, ServerSpec spec, Persistence persistence, Map<String, String> config, Path dataDir, RedisServer server,
      RedisProxy peer, RedisProxy client, RedisProxy bus) {
    this.name = name;
    this.spec = spec;
    this.persistence = persistence;
    this.config = Map.copyOf(config);
    this.dataDir = dataDir;
    this.server = server;
    this.peer = peer;
    this.client = client;
    this.bus = bus;
    this.port = server.port();
    fixedConfig.put("replica-announce-ip", Ports.LOOPBACK);
    fixedConfig.put("replica-announce-port", Integer.toString(peer.port()));
  }

  /** Starts a redis-server on a free port with its two proxies; it announces the peer proxy. */
  static DataNode start(String name, ServerSpec spec, Persistence persistence, ToxiproxyServer toxiproxy) {
    return start(name, spec, persistence, Map.of(), toxiproxy);
  }

  /** The same with extra redis.conf directives ({@code min-replicas-to-write}), kept across restarts. */
  static DataNode start(String name, ServerSpec spec, Persistence persistence, Map<String, String> config, ToxiproxyServer toxiproxy) {
    // The node restarts on its port after a crash: a port below the ephemeral range, where no
    // outgoing connection of the run can take it while the node is down; a port taken meanwhile
    // at the first start is tried again.
    for (int attempt = 0; ; attempt++) {
      try {
        return start(name, spec, persistence, config, toxiproxy, Ports.freeBelowEphemeral());
      } catch (HarnessException e) {
        if (attempt == 2 || e.getMessage() == null || !e.getMessage().contains("in use")) {
          throw e;
        }
      }
    }
  }

  private static DataNode start(String name, ServerSpec spec, Persistence persistence, Map<String, String> config, ToxiproxyServer toxiproxy,
      int port) {
    Path dataDir = HarnessDirs.newWorkDir("topology-" + name + "-");
    RedisServer server = null;
    RedisProxy peer = null;
    try {
      server = builder(spec, persistence, config, Map.of(), dataDir).withConfig("port", Integer.toString(port)).start();
      peer = toxiproxy.proxy(name + "-peer", server);
      RedisProxy client = toxiproxy.proxy(name + "-client", server);
      DataNode node = new DataNode(name, spec, persistence, config, dataDir, server, peer, client, null);
      try (Jedis jedis = node.jedis()) {
        jedis.configSet("replica-announce-ip", Ports.LOOPBACK);
        jedis.configSet("replica-announce-port", Integer.toString(peer.port()));
      }
      return node;
    } catch (RuntimeException e) {
      if (peer != null) {
        peer.close();
      }
      if (server != null) {
        server.close();
      }
      HarnessDirs.deleteTree(dataDir);
      throw e;
    }
  }

  /**
   * Starts a redis-server in cluster mode ({@code cluster}: cluster-enabled, node timeout and the
   * like) on a port whose bus port (+10000) is free too, with its three proxies created first, so
   * that it starts announcing them; retries a port taken meanwhile.
   */
  static DataNode startClusterNode(String name, ServerSpec spec, Persistence persistence, ToxiproxyServer toxiproxy,
      Map<String, String> cluster) {
    HarnessException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = Ports.freeBelowEphemeral(BUS_OFFSET);
      Path dataDir = HarnessDirs.newWorkDir("topology-" + name + "-");
      RedisProxy peer = toxiproxy.proxy(name + "-peer", Ports.LOOPBACK + ":" + port);
      RedisProxy client = toxiproxy.proxy(name + "-client", Ports.LOOPBACK + ":" + port);
      RedisProxy bus = toxiproxy.proxy(name + "-bus", Ports.LOOPBACK + ":" + (port + BUS_OFFSET));
      Map<String, String> fixed = new LinkedHashMap<>(cluster);
      fixed.put("cluster-announce-ip", Ports.LOOPBACK);
      fixed.put("cluster-announce-port", Integer.toString(peer.port()));
      fixed.put("cluster-announce-bus-port", Integer.toString(bus.port()));
      fixed.put("replica-announce-ip", Ports.LOOPBACK);
      fixed.put("replica-announce-port", Integer.toString(peer.port()));
      try {
        RedisServer.Builder b = builder(spec, persistence, Map.of(), fixed, dataDir).withConfig("port", Integer.toString(port));
        DataNode node = new DataNode(name, spec, persistence, Map.of(), dataDir, b.start(), peer, client, bus);
        node.fixedConfig.putAll(fixed);
        return node;
      } catch (RuntimeException e) {
        peer.close();
        client.close();
        bus.close();
        HarnessDirs.deleteTree(dataDir);
        boolean taken = e.getMessage() != null && (e.getMessage().contains("in use") || e.getMessage().contains("(cluster)"));
        if (!(e instanceof HarnessException) || !taken) {
          throw e;
        }
        last = (HarnessException) e;
      }
    }
    throw last;
  }

  /** Redis's cluster bus listens on the client port + 10000 (6.2 has no {@code cluster-port}). */
  static final int BUS_OFFSET = 10000;

  /** The node's server: persistence, then {@code config}, then {@code fixed}, without what its version lacks ({@link Directives}). */
  private static RedisServer.Builder builder(ServerSpec spec, Persistence persistence, Map<String, String> config, Map<String, String> fixed,
      Path dataDir) {
    RedisServer.Builder builder = RedisServer.builder(spec).withBackend(Backend.EMBEDDED).withConfig("dir", dataDir.toString());
    Map<String, String> all = new LinkedHashMap<>(persistence.config());
    all.putAll(config);
    all.putAll(fixed);
    Directives.supported(all, spec.promisedVersion().orElseThrow()).forEach(builder::withConfig);
    return builder;
  }

  public String name() {
    return name;
  }

  /** Where Sentinels and replicas reach this node, and the address it announces: its peer proxy. */
  public HostAndPort peerAddress() {
    return SentinelTopology.address(peer);
  }

  /** Where clients reach this node: its client proxy. */
  public HostAndPort clientAddress() {
    return SentinelTopology.address(client);
  }

  /** Sentinels and replicas to this node (both directions of every such connection). */
  public RedisProxy peerProxy() {
    return peer;
  }

  /** Clients to this node. */
  public RedisProxy clientProxy() {
    return client;
  }

  /** The other cluster nodes to this node's cluster bus; empty outside a cluster. */
  public Optional<RedisProxy> busProxy() {
    return Optional.ofNullable(bus);
  }

  /** The node's own port, which only the harness dials (health checks, faults). */
  public int port() {
    return port;
  }

  public Persistence persistence() {
    return persistence;
  }

  /** The node's data directory (its AOF, an RDB file, {@code nodes.conf}), kept across kills and restarts. */
  public Path dataDir() {
    return dataDir;
  }

  public boolean isRunning() {
    RedisServer s = server;
    return s != null && ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The pid of the running redis-server, -1 while it is killed. */
  public long pid() {
    RedisServer s = server;
    return s == null ? -1 : s.pid();
  }

  /** A direct connection from the harness (no proxy), with short timeouts. */
  public Jedis jedis() {
    return SentinelTopology.direct(port);
  }

  /** Makes this node a replica of {@code primary}, through the primary's peer proxy. */
  void replicate(DataNode primary) {
    try (Jedis jedis = jedis()) {
      jedis.replicaof(primary.peerAddress().getHost(), primary.peerAddress().getPort());
    }
  }

  /** SIGKILL: the process dies at once, with whatever it had not written to disk. */
  public void kill() {
    RedisServer s = server;
    if (s == null) {
      return;
    }
    server = null;
    ProcessHandle.of(s.pid()).ifPresent(p -> {
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException stillListed) {
        // SIGKILL cannot be ignored: the process is dead, or a zombie its parent has not reaped yet
        // (seen on a machine at load 30); its port is free either way, and close() below reaps it.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    s.close();
  }

  /**
   * Starts the node again on its own port and data directory, with the same persistence and
   * announce settings; it comes back as a primary with what its AOF holds (nothing with
   * persistence none). Sentinel turns it into a replica if another node was promoted meanwhile; a
   * cluster node comes back with its {@code nodes.conf} (its id, its view) and learns the same.
   */
  public void restart(Duration startupTimeout) {
    if (server != null) {
      throw new IllegalStateException(name + " is running");
    }
    server = builder(spec, persistence, config, fixedConfig, dataDir).withConfig("port", Integer.toString(port))
        .withStartupTimeout(startupTimeout).start();
  }

  /** Sends a signal (STOP, CONT) to the running redis-server. */
  public void signal(String signal) {
    long pid = pid();
    if (pid < 0) {
      throw new HarnessException(name + " is not running, so it cannot get SIG" + signal + ".");
    }
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new HarnessException("kill -" + signal + " " + pid + " failed: " + e.getMessage() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    RedisServer s = server;
    server = null; // a stopped process is continued by its reaper before SIGTERM
    try {
      if (s != null) {
        s.close();
      }
    } finally {
      peer.close();
      client.close();
      if (bus != null) {
        bus.close();
      }
      HarnessDirs.deleteTree(dataDir);
    }
  }

  @Override
  public String toString() {
    return name + " (port " + port + ", peer " + peerAddress() + ", client " + clientAddress() + ")";
  }
}
