package io.redisrace.cli;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.topology.ClusterAddresses;
import io.redisrace.topology.ClusterClients;
import io.redisrace.topology.ClusterCounters;
import io.redisrace.topology.ClusterTarget;
import io.redisrace.topology.ClusterTopology;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code redis-race hunt --server cluster:7.0} or {@code --server redis-cluster://host:port,...}:
 * the hunt through a cluster client; keys {@code <prefix>0..N-1} spread over slots by their own
 * hash (no hash tag). A variant whose operation touches two slots is not run (CROSSSLOT, one
 * sentence, exit 2), like multi-heal before 7.0.
 */
final class ClusterHunt {
  private ClusterHunt() {}

  static HuntResult run(ClusterTarget target, HuntSettings s, ClusterClients.Refresh refresh, PrintWriter out,
      Consumer<RaceHunt.Progress> progress) {
    ClusterTopology started = target.managed().map(k -> ClusterTopology.builder(k).start()).orElse(null);
    try {
      ClusterAddresses addresses = started != null ? started.addresses() : target.external();
      try (ClusterCounters counters = new ClusterCounters(target.id(), s.variant(), s.client(), addresses, refresh, s.ttlMs(),
          ClientMode.COMMAND_TIMEOUT)) {
        counters.crossSlot(s.keyPrefix() + "probe").ifPresent(reason -> {
          throw new HarnessException(reason);
        });
        long slots = IntStream.range(0, Math.min(s.keys(), 100_000)).map(i -> JedisClusterCRC16.getSlot(s.keyPrefix() + i)).distinct().count();
        out.printf("hunt: variant=%s client=%s%s server=%s (Redis %s, %s) ttl=%dms threads=%d keys=%d on %d slots%n",
            s.variant().id(), s.client().id(), s.client().family() == ClientMode.Family.LETTUCE ? " refresh=" + refresh.id() : "",
            target.id(), counters.version(), started != null
                ? "cluster of 3 primaries and 3 replicas, healthy after " + started.startup().toMillis() + " ms"
                : "a cluster the harness does not start or stop, seeds " + addresses.seeds(),
            s.ttlMs(), s.threads(), s.keys(), slots);
        out.flush();
        return RaceHunt.run(counters, s, progress);
      }
    } finally {
      if (started != null) {
        started.close();
      }
    }
  }
}
