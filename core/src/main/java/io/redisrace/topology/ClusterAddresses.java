package io.redisrace.topology;

import io.redisrace.HarnessException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.HostAndPort;

/**
 * Where a cluster client starts ({@code seeds}) and what it dials instead of each address the
 * cluster hands out ({@code map}: a {@link ClusterTopology}'s peer proxies to its client proxies;
 * empty for a user's own cluster, whose announced addresses are dialled as they are).
 */
public record ClusterAddresses(Set<HostAndPort> seeds, Map<HostAndPort, HostAndPort> map) {
  public static final String SCHEME = "redis-cluster://";

  public ClusterAddresses {
    seeds = Set.copyOf(new LinkedHashSet<>(seeds));
    map = Map.copyOf(map);
  }

  /** The address to dial for {@code announced}. */
  public HostAndPort dial(HostAndPort announced) {
    return map.getOrDefault(announced, announced);
  }

  /** {@code H:P,H:P,...} of the seeds, in a stable order ({@code LoaderMain --cluster}). */
  public String seedsText() {
    return seeds.stream().map(HostAndPort::toString).sorted().collect(java.util.stream.Collectors.joining(","));
  }

  /** {@code PEER=CLIENT,...} of the map ({@code LoaderMain --node-map}). */
  public String mapText() {
    return SentinelEndpoint.mapText(map);
  }

  /** The text forms back: {@code --cluster H:P,...} and {@code --node-map PEER=CLIENT,...} (null or empty: none). */
  public static ClusterAddresses parse(String seedsText, String mapText) {
    Set<HostAndPort> seeds = new LinkedHashSet<>(SentinelEndpoint.addresses(seedsText, "--cluster"));
    if (seeds.isEmpty()) {
      throw new HarnessException("--cluster needs at least one seed node HOST:PORT.");
    }
    return new ClusterAddresses(seeds, SentinelEndpoint.parseMap(mapText));
  }

  /** A user's cluster, written {@code redis-cluster://host:port,host:port}. */
  public static ClusterAddresses parse(String text) {
    String t = text == null ? "" : text.trim();
    String usage = "write a cluster as redis-cluster://host:port,host:port";
    if (!t.startsWith(SCHEME) || t.length() == SCHEME.length()) {
      throw new HarnessException("'" + text + "' names no seed node; " + usage + ".");
    }
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    for (String part : t.substring(SCHEME.length()).split(",")) {
      int colon = part.lastIndexOf(':');
      try {
        int port = Integer.parseInt(part.substring(colon + 1).replace("/", ""));
        if (colon <= 0 || port <= 0 || port > 65535) {
          throw new NumberFormatException(part);
        }
        seeds.add(new HostAndPort(part.substring(0, colon), port));
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new HarnessException("'" + part + "' in '" + text + "' is no host:port; " + usage + ".");
      }
    }
    return new ClusterAddresses(seeds, Map.of());
  }
}
