package io.redisrace.topology;

import io.redisrace.HasId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a data node of a topology writes to disk ({@code --persistence}): {@code none} (a restarted
 * node comes back empty, and its replicas sync the empty data set), {@code aof-everysec} (a crash
 * may lose up to a second of acknowledged writes) or {@code aof-always} (fsync before each reply).
 */
public enum Persistence implements HasId {
  NONE,
  AOF_EVERYSEC,
  AOF_ALWAYS;

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Persistence parse(String text) {
    return HasId.parse(Persistence.class, "persistence mode", text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
  }

  public static String ids() {
    return HasId.ids(Persistence.class);
  }

  /**
   * The redis.conf directives of this mode (no RDB snapshots in any mode). {@code none} also sets
   * {@code rdb-del-sync-files yes} (6.0 and later): without it a node keeps the RDB file of its last
   * disk-based full sync (as a replica, or as a primary that fed one) in its data directory and loads
   * it when it restarts, so that after a few failovers "comes back empty" would hold only for a node
   * that never took part in a full sync.
   */
  public Map<String, String> config() {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("save", "");
    conf.put("appendonly", this == NONE ? "no" : "yes");
    if (this == NONE) {
      conf.put("rdb-del-sync-files", "yes");
    } else {
      conf.put("appendfsync", this == AOF_ALWAYS ? "always" : "everysec");
    }
    return conf;
  }
}
