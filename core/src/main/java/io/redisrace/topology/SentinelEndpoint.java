package io.redisrace.topology;

import io.redisrace.HarnessException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Where a client of a Sentinel topology asks for the primary, without the topology object: a
 * process of its own (a loader) gets it as text. {@code sentinels}: the Sentinels' client
 * addresses; {@code nodeMap}: what to dial instead of each address Sentinel hands out (a node's
 * peer proxy to the client's proxy of that node). Text forms: {@code H:P,H:P,...} for the
 * Sentinels, {@code H:P=H:P,...} for the map.
 */
public record SentinelEndpoint(String masterName, List<HostAndPort> sentinels, Map<HostAndPort, HostAndPort> nodeMap) {

  public SentinelEndpoint {
    sentinels = List.copyOf(sentinels);
    nodeMap = Map.copyOf(new LinkedHashMap<>(nodeMap));
    if (sentinels.isEmpty()) {
      throw new HarnessException("A Sentinel endpoint needs at least one Sentinel address.");
    }
  }

  /** The topology's Sentinels and its node client proxies (what every client of it dials). */
  public static SentinelEndpoint of(SentinelTopology t) {
    return new SentinelEndpoint(t.masterName(), List.copyOf(t.sentinelAddresses()), t.clientAddressMap());
  }

  /** The same Sentinels, dialling other proxies of the nodes. */
  public SentinelEndpoint withNodeMap(Map<HostAndPort, HostAndPort> map) {
    return new SentinelEndpoint(masterName, sentinels, map);
  }

  /** {@code H:P,H:P,...}. */
  public String sentinelsText() {
    return sentinels.stream().map(HostAndPort::toString).collect(Collectors.joining(","));
  }

  /** {@code H:P=H:P,...}, in a stable order. */
  public String nodeMapText() {
    return mapText(nodeMap);
  }

  /** {@code H:P=H:P,...} of {@code map}, in a stable order (also a cluster's node map). */
  static String mapText(Map<HostAndPort, HostAndPort> map) {
    return map.entrySet().stream().sorted(Map.Entry.comparingByKey((a, b) -> a.toString().compareTo(b.toString())))
        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
  }

  /** Parses the text forms; {@code nodeMap} may be null or empty (no mapping). */
  public static SentinelEndpoint parse(String masterName, String sentinelsText, String nodeMapText) {
    return new SentinelEndpoint(masterName, addresses(sentinelsText, "--sentinels"), parseMap(nodeMapText));
  }

  /** {@code H:P,H:P,...}; {@code option} names the flag in errors. */
  static List<HostAndPort> addresses(String text, String option) {
    List<HostAndPort> s = new ArrayList<>();
    for (String a : text.split(",")) {
      if (!a.isBlank()) {
        s.add(hostPort(a.strip(), option));
      }
    }
    return s;
  }

  /** {@code PEER=CLIENT,...} ({@code --node-map}); null or empty: no mapping. */
  static Map<HostAndPort, HostAndPort> parseMap(String nodeMapText) {
    Map<HostAndPort, HostAndPort> map = new LinkedHashMap<>();
    if (nodeMapText != null) {
      for (String pair : nodeMapText.split(",")) {
        if (pair.isBlank()) {
          continue;
        }
        String[] kv = pair.strip().split("=", 2);
        if (kv.length != 2) {
          throw new HarnessException("--node-map takes PEER_HOST:PORT=CLIENT_HOST:PORT pairs, not '" + pair + "'.");
        }
        map.put(hostPort(kv[0], "--node-map"), hostPort(kv[1], "--node-map"));
      }
    }
    return map;
  }

  private static HostAndPort hostPort(String text, String option) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || !text.substring(colon + 1).matches("\\d{1,5}")) {
      throw new HarnessException(option + " takes HOST:PORT addresses like 127.0.0.1:26379, not '" + text + "'.");
    }
    return new HostAndPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
  }

  /** The address Sentinel hands out, as this client dials it. */
  public HostAndPort map(HostAndPort named) {
    return nodeMap.getOrDefault(named, named);
  }

  /**
   * Asks the Sentinels in turn for the primary ({@code SENTINEL GET-MASTER-ADDR-BY-NAME}) and maps
   * the answer; empty when none answers. What a Jedis client does before it opens a connection.
   */
  public Optional<HostAndPort> primary(int timeoutMs) {
    for (HostAndPort s : sentinels) {
      try (Jedis j = new Jedis(s, DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMs).socketTimeoutMillis(timeoutMs).build())) {
        List<String> addr = j.sentinelGetMasterAddrByName(masterName);
        if (addr != null && addr.size() == 2) {
          return Optional.of(map(new HostAndPort(addr.get(0), Integer.parseInt(addr.get(1)))));
        }
      } catch (JedisException | NumberFormatException next) {
        // ask the next one
      }
    }
    return Optional.empty();
  }
}
