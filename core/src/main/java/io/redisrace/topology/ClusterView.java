package io.redisrace.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One node's view of a Redis Cluster, parsed from {@code CLUSTER NODES}: one {@link Entry} per
 * node it knows, with the port it announces (a peer proxy of the topology), its flags, its
 * primary's id (replicas), its link state and the slot ranges it serves.
 */
public record ClusterView(String seenBy, List<Entry> entries) {

  /** One line of {@code CLUSTER NODES}. */
  public record Entry(String id, int port, Set<String> flags, String primaryId, boolean connected, List<int[]> slots) {
    public boolean isPrimary() {
      return flags.contains("master");
    }

    public boolean isReplica() {
      return flags.contains("slave");
    }

    /** Flagged as failing (fail, fail?), in handshake or without an address. */
    public boolean isFailing() {
      return flags.contains("fail") || flags.contains("fail?") || flags.contains("handshake") || flags.contains("noaddr");
    }

    public boolean serves(int slot) {
      return slots.stream().anyMatch(r -> r[0] <= slot && slot <= r[1]);
    }

    public int slotCount() {
      return slots.stream().mapToInt(r -> r[1] - r[0] + 1).sum();
    }
  }

  static ClusterView parse(String seenBy, String clusterNodes) {
    List<Entry> entries = new ArrayList<>();
    for (String line : clusterNodes.split("\n")) {
      String[] f = line.trim().split(" ");
      if (f.length < 8) {
        continue;
      }
      // ip:port@cport (6.2) or ip:port@cport,hostname (7.0)
      String address = f[1].contains("@") ? f[1].substring(0, f[1].indexOf('@')) : f[1];
      int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
      Set<String> flags = Set.copyOf(Arrays.asList(f[2].split(",")));
      List<int[]> slots = new ArrayList<>();
      for (int i = 8; i < f.length; i++) {
        if (f[i].startsWith("[")) {
          continue; // a slot being migrated or imported: not served yet
        }
        String[] r = f[i].split("-");
        slots.add(new int[] {Integer.parseInt(r[0]), Integer.parseInt(r[r.length - 1])});
      }
      entries.add(new Entry(f[0], port, flags, f[3], "connected".equals(f[7]), List.copyOf(slots)));
    }
    return new ClusterView(seenBy, List.copyOf(entries));
  }

  /** The node that says it is {@code myself}. */
  public Entry myself() {
    return entries.stream().filter(e -> e.flags().contains("myself")).findFirst().orElseThrow();
  }

  public List<Entry> primaries() {
    return entries.stream().filter(Entry::isPrimary).toList();
  }

  /** The primary serving {@code slot} in this view. */
  public Optional<Entry> ownerOf(int slot) {
    return entries.stream().filter(e -> e.isPrimary() && e.serves(slot)).findFirst();
  }

  public Optional<Entry> byId(String id) {
    return entries.stream().filter(e -> e.id().equals(id)).findFirst();
  }
}
