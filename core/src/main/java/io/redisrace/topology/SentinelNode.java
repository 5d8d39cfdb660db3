package io.redisrace.topology;

import io.redisrace.HarnessException;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.Ports;
import io.redisrace.server.EmbeddedRedis;
import io.redisrace.server.ProcessRuntime;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerInstaller;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.RedisProxy;
import io.redisrace.toxi.ToxiproxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * One Sentinel of a {@link SentinelTopology}: {@code redis-server sentinel.conf --sentinel} from the
 * topology's binary (shipped or installed; Valkey's runs the same way), under a {@link ChildProcess} reaper, checked like any server
 * ({@link RedisServer#attach}). It announces its <em>peer</em> proxy ({@code sentinel announce-ip/port}),
 * which the other Sentinels dial; clients dial its <em>client</em> proxy.
 */
public final class SentinelNode implements AutoCloseable {
  private final String name;
  private final RedisServer server;
  private final RedisProxy peer;
  private final RedisProxy client;

  private SentinelNode(String name, RedisServer server, RedisProxy peer, RedisProxy client) {
    this.name = name;
    this.server = server;
    this.peer = peer;
    this.client = client;
  }

  /** The tuning of every Sentinel of a topology. */
  record Settings(String masterName, int quorum, Duration downAfter, Duration failoverTimeout, Duration startupTimeout) {}

  /**
   * {@code prefix}-{@code <8 random hex digits>}: a master name of one topology's own. A Sentinel
   * takes the config of any hello message that names its master with a higher config epoch, and
   * hellos also come by {@code PUBLISH} to a Sentinel or a node. When a topology closes, its Sentinels
   * outlive their first peers' proxies for a moment and dial those ports again; Toxiproxy may have
   * just given such a port to another topology's new proxy (one Toxiproxy serves several topologies:
   * test cases side by side, chaos copies). With one master name for all, a Sentinel of the new
   * topology could take the closing one's primary, and did, as far as a lost log lets us say: once in 30
   * runs of EmptyRestartIntegrationTests beside a CPU hog (five topologies side by side, some failing
   * over), one Sentinel of a topology just started named another primary than its two peers for 30 s,
   * with no fault struck. With a name of its own a Sentinel ignores a stranger's hello.
   */
  static String uniqueMasterName(String prefix) {
    return prefix + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
  }

  /**
   * Starts a Sentinel monitoring the primary at {@code primary} (its peer proxy) on a port below the
   * ephemeral range, where none of the run's many outgoing connections can take it between the
   * check and the bind (an ephemeral one was, once in 30 runs of EmptyRestartIntegrationTests beside
   * a CPU hog); retries a port another listener took meanwhile.
   */
  static SentinelNode start(String name, ServerSpec spec, HostAndPort primary, Settings settings, ToxiproxyServer toxiproxy) {
    HarnessException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = Ports.freeBelowEphemeral();
      RedisProxy peer = toxiproxy.proxy(name + "-peer", Ports.LOOPBACK + ":" + port);
      RedisProxy client = toxiproxy.proxy(name + "-client", Ports.LOOPBACK + ":" + port);
      try {
        return new SentinelNode(name, launch(name, spec, port, peer.port(), primary, settings), peer, client);
      } catch (HarnessException e) {
        peer.close();
        client.close();
        last = e;
        if (!e.getMessage().contains("in use")) {
          throw e;
        }
      }
    }
    throw last;
  }

  private static RedisServer launch(String name, ServerSpec spec, int port, int announcePort, HostAndPort primary, Settings s) {
    Path binary = EmbeddedRedis.binary(spec);
    Path dir = HarnessDirs.newWorkDir("sentinel-" + port + "-");
    Path conf = dir.resolve("sentinel.conf");
    String m = s.masterName();
    List<String> lines = List.of(
        "port " + port,
        "bind " + Ports.LOOPBACK,
        "daemonize no",
        "dir " + dir,
        "sentinel announce-ip " + Ports.LOOPBACK,
        "sentinel announce-port " + announcePort,
        "sentinel monitor " + m + " " + primary.getHost() + " " + primary.getPort() + " " + s.quorum(),
        "sentinel down-after-milliseconds " + m + " " + s.downAfter().toMillis(),
        "sentinel failover-timeout " + m + " " + s.failoverTimeout().toMillis(),
        "sentinel parallel-syncs " + m + " 2");
    try {
      Files.write(conf, lines);
    } catch (IOException e) {
      HarnessDirs.deleteTree(dir);
      throw new UncheckedIOException(e);
    }
    String title = "redis-sentinel " + spec.id() + " " + name + " on port " + port;
    ChildProcess process = ChildProcess.start(title, List.of(binary.toString(), conf.toString(), "--sentinel"), dir,
        dir.resolve("sentinel.log"), ServerInstaller.environment(binary));
    return RedisServer.attach("Sentinel " + name + " of Redis " + spec.id() + " at " + Ports.LOOPBACK + ":" + port, spec, Ports.LOOPBACK, port,
        new ProcessRuntime(process, dir), s.startupTimeout(), log -> {
          if (log.contains("Address already in use")) { // the last line says only "Failed listening on port"
            throw new HarnessException("Port " + port + " on " + Ports.LOOPBACK + " is already in use.");
          }
        });
  }

  public String name() {
    return name;
  }

  /** The Sentinel's own port, which only the harness dials. */
  public int port() {
    return server.port();
  }

  public long pid() {
    return server.pid();
  }

  /** Where clients reach this Sentinel: its client proxy. */
  public HostAndPort clientAddress() {
    return SentinelTopology.address(client);
  }

  /** The other Sentinels to this one (the address it announces in its hello messages). */
  public RedisProxy peerProxy() {
    return peer;
  }

  /** Clients to this Sentinel. */
  public RedisProxy clientProxy() {
    return client;
  }

  /** A direct connection from the harness (no proxy). */
  public Jedis jedis() {
    return SentinelTopology.direct(port());
  }

  /**
   * The failover events of this Sentinel's log, in order: subjective and objective downs, elections,
   * the replica it selected and promoted, replicas it converted back, failovers ended or aborted,
   * primaries switched. A test that finds an unexpected primary shows these: they say which
   * Sentinel failed over which node, and when.
   */
  public List<String> events() {
    return server.logTail(2000).lines().filter(SentinelNode::isEvent).toList();
  }

  private static boolean isEvent(String line) {
    return line.matches(".*[+-](sdown|odown|try-failover|elected-leader|selected-slave|promoted-slave|convert-to-slave|failover-end|failover-abort\\S*|switch-master) .*");
  }

  /**
   * The {@link #events()} logged at or after {@code since} (the machine's local time, which is what
   * the server's log lines carry: {@code 4242:X 03 Dec 2026 06:12:00.123 # +sdown ...}); a line
   * whose time cannot be read is kept.
   */
  public List<String> events(LocalDateTime since) {
    return logSince(since).stream().filter(SentinelNode::isEvent).toList();
  }

  /** Every line this Sentinel logged at or after {@code since} (of its last 2000). */
  public List<String> logSince(LocalDateTime since) {
    return server.logTail(2000).lines().filter(l -> logTime(l).map(t -> !t.isBefore(since)).orElse(true)).toList();
  }

  private static final Pattern LOG_TIME = Pattern.compile("^\\d+:\\w (\\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}) ");
  private static final DateTimeFormatter LOG_TIME_FORMAT = DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss.SSS", Locale.ENGLISH);

  static Optional<LocalDateTime> logTime(String line) {
    Matcher m = LOG_TIME.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDateTime.parse(m.group(1), LOG_TIME_FORMAT));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      peer.close();
      client.close();
    }
  }

  @Override
  public String toString() {
    return name + " (port " + port() + ", client " + clientAddress() + ")";
  }
}
