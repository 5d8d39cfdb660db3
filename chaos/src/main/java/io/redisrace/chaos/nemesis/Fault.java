package io.redisrace.chaos.nemesis;

import io.redisrace.HarnessException;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The faults of the nemesis, registered by name so that schedules refer to them as data. Each one
 * hits loader A of a trial at a chosen chunk, while A is held at a step gate (so the fault lands at
 * an exact point of the chunk, not at a lucky time), and each one has a heal. Exact edge semantics
 * (Toxiproxy v2.12 source, toxics/*.go):
 *
 * <ul>
 *   <li>{@code none}: no fault; A and the competitor B run side by side.</li>
 *   <li>{@code sigkill-reading}: SIGKILL while A holds the chunk's rows in memory (nothing written).</li>
 *   <li>{@code sigkill-in-flight}: SIGKILL ~100 ms after A wrote its commit into a 400 ms upstream
 *       {@code latency}: the request is in the proxy; it may or may not reach Redis.</li>
 *   <li>{@code sigkill-after-commit}: replies dropped (downstream {@code timeout}, timeout 0), the
 *       commit is seen in Redis, then SIGKILL: applied, never acknowledged.</li>
 *   <li>{@code sigstop}: SIGSTOP at the gate (after GETBIT, after the "lock", or after reading),
 *       the competitor runs, then SIGCONT: a long GC pause.</li>
 *   <li>{@code reset_peer} (RST): upstream {@code reset_peer} timeout 0: the next request A sends is
 *       swallowed and both sides of the connection get an RST; held until healed.</li>
 *   <li>{@code timeout} (FIN): upstream {@code timeout} 500 ms: requests dropped, then the proxy
 *       closes the connection with a FIN 500 ms after the toxic is set.</li>
 *   <li>{@code limit_data} (FIN): downstream {@code limit_data} of the commit's earlier replies
 *       plus one byte ({@link Nemesis#cutLastReply}): the commit runs in Redis, the reply that
 *       acknowledges it is cut after its first byte, then FIN: a lost reply by a clean close.</li>
 *   <li>{@code latency}: downstream {@code latency} = client timeout + 500 ms: every reply arrives
 *       after the client gave up on it.</li>
 *   <li>{@code slicer}: upstream {@code slicer} 8-byte slices 5 ms apart: the commit trickles in.</li>
 *   <li>{@code bandwidth}: upstream {@code bandwidth} 1 KB/s.</li>
 *   <li>{@code slow_close}: {@code slow_close} 1000 ms both ways, then SIGKILL: Redis learns 1 s
 *       late that A is gone (its connection name lingers).</li>
 *   <li>{@code lost_reply}: downstream {@code timeout} 0 drops every reply from the commit on; once
 *       the commit is seen in Redis (Lettuce pipelines MULTI..EXEC, so it lands; Jedis waits for
 *       MULTI's reply, so it does not and times out) the proxy drops every connection (disable,
 *       FIN) and takes new ones again once the competitor is done. Lettuce (at-least-once)
 *       reconnects and replays the whole pending transaction.</li>
 * </ul>
 */
public enum Fault {
  NONE("none", null, "no fault; loaders run side by side"),
  SIGKILL_READING("sigkill-reading", Step.ROWS_READ, "SIGKILL with the chunk's rows read, nothing written"),
  SIGKILL_IN_FLIGHT("sigkill-in-flight", Step.COMMIT_SENDING, "SIGKILL with the commit inside a 400 ms upstream latency"),
  SIGKILL_AFTER_COMMIT("sigkill-after-commit", Step.COMMIT_SENDING, "SIGKILL after the commit applied, reply dropped"),
  SIGSTOP("sigstop", Step.BIT_CHECKED, "SIGSTOP at the gate while the competitor runs, then SIGCONT"),
  RESET_PEER("reset_peer", Step.ROWS_READ, "upstream reset_peer: next request swallowed, RST both ways"),
  TIMEOUT("timeout", Step.ROWS_READ, "upstream timeout 500 ms: data dropped, FIN after 500 ms"),
  LIMIT_DATA("limit_data", Step.COMMIT_SENDING, "downstream limit_data: commit applied, its acknowledging reply cut, FIN"),
  LATENCY("latency", Step.COMMIT_SENDING, "downstream latency longer than the client timeout"),
  SLICER("slicer", Step.COMMIT_SENDING, "upstream slicer: 8-byte slices 5 ms apart"),
  BANDWIDTH("bandwidth", Step.COMMIT_SENDING, "upstream bandwidth 1 KB/s"),
  SLOW_CLOSE("slow_close", Step.ROWS_READ, "slow_close 1 s both ways, then SIGKILL"),
  LOST_REPLY("lost_reply", Step.COMMIT_SENDING, "reply dropped after the commit applied, then connections dropped (FIN)");

  private final String id;
  private final Step defaultPhase;
  private final String summary;

  Fault(String id, Step defaultPhase, String summary) {
    this.id = id;
    this.defaultPhase = defaultPhase;
    this.summary = summary;
  }

  public String id() {
    return id;
  }

  public String summary() {
    return summary;
  }

  /** The steps at which this fault may hit a loader of {@code variant}, in preference order. */
  public List<Step> phases(LoaderVariant variant) {
    if (this == NONE) {
      return List.of();
    }
    if (this == SIGSTOP) {
      return switch (variant) {
        case PLAIN -> List.of(Step.ROWS_READ);
        case CLIENT_NAME_LOCK -> List.of(Step.BIT_CHECKED, Step.LOCK_TAKEN, Step.ROWS_READ);
        default -> List.of(Step.BIT_CHECKED, Step.ROWS_READ);
      };
    }
    return List.of(defaultPhase);
  }

  /** True when the fault kills loader A (the supervisor will restart it). */
  public boolean kills() {
    return this == SIGKILL_READING || this == SIGKILL_IN_FLIGHT || this == SIGKILL_AFTER_COMMIT || this == SLOW_CLOSE;
  }

  public static Fault parse(String text) {
    return byId(text).orElseThrow(() -> new HarnessException("Unknown fault '" + text + "'; use one of " + ids() + "."));
  }

  public static Optional<Fault> byId(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
  }

  public static String ids() {
    return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
