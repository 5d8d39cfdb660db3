package io.redisrace.topology.faults;

import io.redisrace.topology.DataNode;
import io.redisrace.topology.SentinelTopology;
import io.redisrace.topology.TopologyFault;
import java.time.Duration;

/**
 * {@code primary-crash-restart}: SIGKILL the primary and start it again at once, on its port and
 * data directory, before Sentinel's {@code down-after-milliseconds} has passed, so no failover
 * happens: it comes back with what its persistence kept, and its replicas resync from it. With
 * persistence {@code none} that is the empty data set (the empty-restart wipe); with
 * {@code aof-everysec} up to a second of acknowledged writes may be gone; with {@code aof-always}
 * none.
 */
public final class PrimaryCrashRestart implements TopologyFault {
  @Override
  public String id() {
    return "primary-crash-restart";
  }

  @Override
  public String summary() {
    return "SIGKILL the primary, restart it at once with its persistence (no failover)";
  }

  /** A third of {@code down-after-milliseconds}: the restart must come before the Sentinels call the primary down. */
  @Override
  public Duration window(SentinelTopology t) {
    return t.downAfter().dividedBy(3);
  }

  @Override
  public Outcome strike(SentinelTopology t, Runnable whileStruck) {
    long t0 = System.nanoTime();
    DataNode primary = t.primary();
    primary.kill();
    whileStruck.run();
    primary.restart(Duration.ofSeconds(15));
    return TopologyFault.healed(this, t, primary, "killed and restarted " + primary.name() + " (" + primary.persistence().id() + ")", t0);
  }
}
