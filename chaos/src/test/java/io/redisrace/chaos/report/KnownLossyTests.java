package io.redisrace.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.HarnessException;
import org.junit.jupiter.api.Test;

/** known-lossy.txt and ChaosGate's rule 4: a known-lossy Sentinel cell that lost nothing fails a full run (detection power). */
class KnownLossyTests {
  static JsonNode doc(String mode, String persistence, String variant, String fault, int withAckedLoss) throws Exception {
    return doc("sentinel", mode, persistence, variant, fault, withAckedLoss);
  }

  static JsonNode doc(String topology, String mode, String persistence, String variant, String fault, int withAckedLoss) throws Exception {
    return new ObjectMapper().readTree("""
        {"mode": "%s", "server": {"id": "7.0", "topology": "%s", "persistence": "%s", "minReplicasToWrite": 0},
         "cells": [{"variant": "%s", "fault": "%s", "column": "%s", "loaders": 1, "rows": 60, "chunkSize": 20, "trials": 20,
                    "withLoss": 0, "withDuplication": 0, "withAckedLoss": %d}],
         "trials": []}""".formatted(mode, topology, persistence, variant, fault, fault, withAckedLoss));
  }

  @Test
  void theCommittedFileNamesTheSplitBrainAndTheEmptyRestart() {
    KnownLossy k = KnownLossy.builtIn();
    assertThat(k.contains("plain", "minority-primary", "none", 0)).isTrue();
    assertThat(k.contains("fenced-wait", "minority-primary", "none", 0)).isFalse();
    assertThat(k.contains("plain", "minority-primary", "none", 1)).as("min-replicas-to-write 1 refuses the isolated write").isFalse();
    assertThat(k.contains("fenced-wait", "primary-crash-restart", "none", 0)).isTrue();
    assertThat(k.contains("fenced", "primary-crash-restart", "aof-always", 0)).isFalse();
  }

  @Test
  void aPlantedKnownLossyCellWithoutLossFailsTheFullGate_withLossOrInQuickModeItPasses() throws Exception {
    assertThat(ChaosGate.evaluate(doc("full", "none", "plain", "minority-primary", 0))).containsExactly(
        "plain x minority-primary (persistence none): no acknowledged write lost in 20 trials of a known-lossy cell; "
            + "the harness no longer detects this loss.");
    assertThat(ChaosGate.evaluate(doc("full", "none", "plain", "minority-primary", 3))).isEmpty();
    assertThat(ChaosGate.evaluate(doc("quick", "none", "plain", "minority-primary", 0))).isEmpty();
    assertThat(ChaosGate.evaluate(doc("full", "aof-always", "bitmap", "primary-crash-restart", 0))).isEmpty();
    assertThat(ChaosGate.evaluate(doc("full", "none", "bitmap", "primary-crash-restart", 0))).hasSize(1);
  }

  /** The cluster's split brain is a known-lossy cell too, keyed by its fault (whose id is the cluster's own). */
  @Test
  void theClusterSplitBrainIsKnownLossy_aClusterRunWithoutLossFailsTheFullGate() throws Exception {
    assertThat(KnownLossy.builtIn().contains("plain", "cluster-isolate-primary", "none", 0)).isTrue();
    assertThat(KnownLossy.builtIn().contains("fenced", "cluster-isolate-primary", "none", 0)).isFalse();
    assertThat(ChaosGate.evaluate(doc("cluster", "full", "none", "plain", "cluster-isolate-primary", 0))).containsExactly(
        "plain x cluster-isolate-primary (persistence none): no acknowledged write lost in 20 trials of a known-lossy cell; "
            + "the harness no longer detects this loss.");
    assertThat(ChaosGate.evaluate(doc("cluster", "full", "none", "plain", "cluster-isolate-primary", 2))).isEmpty();
  }

  @Test
  void aTypoIsOneSentenceNamingTheLine() {
    assertThatThrownBy(() -> KnownLossy.parse("plain minority-primery\n", "x.txt")).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("x.txt line 1: unknown fault 'minority-primery'");
    assertThatThrownBy(() -> KnownLossy.parse("* primary-crash-restart persistence=rdb\n", "x.txt")).isInstanceOf(HarnessException.class)
        .hasMessageContaining("Unknown persistence mode 'rdb'");
  }
}
