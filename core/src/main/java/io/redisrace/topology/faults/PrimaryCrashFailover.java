package io.redisrace.topology.faults;

import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;

/**
 * {@code primary-crash-failover}: SIGKILL the primary, wait until the Sentinels promote a replica,
 * then start the old primary again (its persistence decides what it reloads); Sentinel turns it
 * into a replica of the new primary, which it then resyncs from.
 */
public final class PrimaryCrashFailover implements TopologyFault {
  @Override
  public String id() {
    return "primary-crash-failover";
  }

  @Override
  public String summary() {
    return "SIGKILL the primary, let Sentinel promote a replica, restart the old one as a replica";
  }

  @Override
  public Outcome strike(SentinelTopology t, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = t.primary();
    primary.kill();
    boolean promoted = TopologyFault.awaitPromotion(t, primary);
    whileStruck.run();
    primary.restart(Duration.ofSeconds(15));
    return TopologyFault.healed(this, t, primary, "killed " + primary.name()
        + (promoted ? ", a replica was promoted, restarted it" : ", no replica was promoted, restarted it"), t0);
  }
}
