package io.redisrace.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which flags of a peer Sentinel count as up in the health check. */
class TopologyHealthTests {

  @Test
  void aPeerSentinelIsUpUnlessItIsDownOrDisconnected() {
    assertThat(TopologyHealth.upSentinel("sentinel")).isTrue();
    // Valkey 9 keeps a peer's last "the primary is down" answer as a flag after the failover
    assertThat(TopologyHealth.upSentinel("sentinel,master_down")).isTrue();
    assertThat(TopologyHealth.upSentinel("s_down,sentinel")).isFalse();
    assertThat(TopologyHealth.upSentinel("sentinel,disconnected")).isFalse();
    assertThat(TopologyHealth.upSentinel("slave")).isFalse();
    assertThat(TopologyHealth.upSentinel(null)).isFalse();
  }
}
