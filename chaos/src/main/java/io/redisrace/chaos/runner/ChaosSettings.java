package io.redisrace.chaos.runner;

import io.redisrace.HarnessException;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.server.Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a chaos run. Two presets, every key overridable from the CLI:
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th>key</th><th>quick</th><th>full</th><th>meaning</th></tr>
 *   <tr><td>trialsPerCell</td><td>1</td><td>20</td><td>trials per variant x fault cell (client modes rotate inside a cell)</td></tr>
 *   <tr><td>rows</td><td>60</td><td>100</td><td>source rows (ids 1..rows)</td></tr>
 *   <tr><td>chunkSize</td><td>20</td><td>20</td><td>rows per chunk</td></tr>
 *   <tr><td>clientTimeout</td><td>1500 ms</td><td>1500 ms</td><td>Redis command timeout of every loader</td></tr>
 *   <tr><td>parallel</td><td>2</td><td>3</td><td>trials run side by side</td></tr>
 *   <tr><td>seed</td><td>20260523</td><td>20260523</td><td>seed of the schedule</td></tr>
 *   <tr><td>timeLimit</td><td>10 min</td><td>25 min</td><td>no new trial starts past it</td></tr>
 *   <tr><td>backend</td><td colspan="2">-Dharness.backend, $REDIS_RACE_BACKEND, else embedded</td><td>where Redis and Toxiproxy run</td></tr>
 * </table>
 */
public record ChaosSettings(
    String mode,
    long seed,
    List<LoaderVariant> variants,
    List<Fault> faults,
    List<ClientMode> clients,
    int trialsPerCell,
    int rows,
    int chunkSize,
    Duration clientTimeout,
    int parallel,
    String server,
    Path outDir,
    Duration timeLimit,
    String jdbcUrl,
    String table,
    Backend backend) {

  public static final long DEFAULT_SEED = 20260523L;

  public ChaosSettings {
    if (trialsPerCell < 1) {
      throw new HarnessException("--trials must be at least 1, not " + trialsPerCell + ".");
    }
    if (chunkSize < 1) {
      throw new HarnessException("--chunk-size must be at least 1, not " + chunkSize + ".");
    }
    if (rows < 1) {
      throw new HarnessException("--rows must be at least 1, not " + rows + ".");
    }
    if (parallel < 1 || parallel > 8) {
      throw new HarnessException("--parallel must be between 1 and 8, not " + parallel + ".");
    }
    if (variants.isEmpty() || faults.isEmpty() || clients.isEmpty()) {
      throw new HarnessException("Give at least one variant, one fault and one client.");
    }
  }

  public static ChaosSettings preset(String mode) {
    return switch (mode) {
      case "quick" -> new ChaosSettings("quick", DEFAULT_SEED, List.of(LoaderVariant.values()), List.of(Fault.values()),
          List.of(ClientMode.values()), 1, 60, 20, Duration.ofMillis(1500), 2, "7.0", Path.of("results", "runs"),
          Duration.ofMinutes(10), null, "rows", Backend.configured());
      case "full" -> new ChaosSettings("full", DEFAULT_SEED, List.of(LoaderVariant.values()), List.of(Fault.values()),
          List.of(ClientMode.values()), 20, 100, 20, Duration.ofMillis(1500), 3, "7.0", Path.of("results", "runs"),
          Duration.ofMinutes(25), null, "rows", Backend.configured());
      default -> throw new HarnessException("Unknown mode '" + mode + "'; use quick or full.");
    };
  }

  public int chunks() {
    return (rows + chunkSize - 1) / chunkSize;
  }

  public int trials() {
    return variants.size() * faults.size() * trialsPerCell;
  }
}
