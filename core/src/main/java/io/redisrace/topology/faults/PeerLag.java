package io.redisrace.topology.faults;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * {@code peer-lag}: {@code latency} toxics, both directions, of a quarter of
 * {@code down-after-milliseconds} on the primary's peer proxy for {@link #HOLD}: the replication
 * stream and the Sentinels' PINGs and INFO to the primary are late, never lost, and too little for
 * Sentinel to call it down. The replicas fall behind; a write acknowledged by the primary and not
 * yet on a replica is the one a failover at that moment would lose. The replication link cannot be
 * lagged without the Sentinel links to the same primary (docs/sentinel.md).
 */
public final class PeerLag implements TopologyFault {
  static final Duration HOLD = Duration.ofSeconds(2);

  @Override
  public String id() {
    return "peer-lag";
  }

  @Override
  public String summary() {
    return "latency (down-after / 4, both ways) on the primary's replication and Sentinel links for 2 s";
  }

  @Override
  public Outcome strike(SentinelTopology t, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = t.primary();
    long ms = t.downAfter().toMillis() / 4;
    try {
      primary.peerProxy().toxics().latency("peer-lag-down", ToxicDirection.DOWNSTREAM, ms);
      primary.peerProxy().toxics().latency("peer-lag-up", ToxicDirection.UPSTREAM, ms);
      long until = System.nanoTime() + HOLD.toNanos();
      whileStruck.run();
      long left = until - System.nanoTime();
      if (left > 0) {
        Thread.sleep(left / 1_000_000);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      primary.peerProxy().removeAllToxics();
    }
    return TopologyFault.healed(this, t, primary, "lagged " + primary.name() + "'s peer links by " + ms + " ms each way", t0);
  }
}
