package io.redisrace.junit5;

import io.redisrace.counter.CounterVariant;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a {@link RaceHunter.Hunt} measured, one {@link HuntResult} per server, with assertions whose
 * failure message lists, per server, the TTL-less keys and the command that replays the hunt.
 */
public final class HuntReport {
  private final CounterVariant variant;
  private final HuntSettings settings;
  private final List<HuntResult> results;

  HuntReport(CounterVariant variant, HuntSettings settings, List<HuntResult> results) {
    this.variant = variant;
    this.settings = settings;
    this.results = List.copyOf(results);
  }

  /** One result per server, in the order hunted. */
  public List<HuntResult> results() {
    return results;
  }

  /** The result on the server of this id ({@code 2.8}). */
  public Optional<HuntResult> on(String serverId) {
    return results.stream().filter(r -> r.server().equals(serverId)).findFirst();
  }

  /** TTL-less keys over every server. */
  public long ttlLess() {
    return results.stream().mapToLong(HuntResult::ttlLess).sum();
  }

  /**
   * Passes when no server saw a TTL-less key and every server ran operations; else an
   * AssertionError that names, per server, the count, the keys and the replay command.
   */
  public HuntReport assertNoTtlLessKeys() {
    List<HuntResult> bad = results.stream().filter(r -> r.ttlLess() > 0 || r.ops() == 0).toList();
    if (!bad.isEmpty()) {
      throw new AssertionError("Counter variant '" + variant.id() + "' left TTL-less keys (or ran no operation):\n"
          + bad.stream().map(this::describe).collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** Passes when every server saw at least one TTL-less key: pins a race known to exist there. */
  public HuntReport assertTtlLessKeysOnEveryServer() {
    List<HuntResult> clean = results.stream().filter(r -> r.ttlLess() == 0).toList();
    if (!clean.isEmpty()) {
      throw new AssertionError("Counter variant '" + variant.id() + "' left no TTL-less key where one was expected:\n"
          + clean.stream().map(this::describe).collect(Collectors.joining("\n")));
    }
    return this;
  }

  /** Every server's line, as the assertions print them. */
  @Override
  public String toString() {
    return results.stream().map(this::describe).collect(Collectors.joining("\n"));
  }

  private String describe(HuntResult r) {
    StringBuilder b = new StringBuilder(String.format("  Redis %s (%s): %,d TTL-less (%,d in-band, %,d by the audit) in %,d ops over %.1f s",
        r.serverVersion(), r.server(), r.ttlLess(), r.ttlLessInBand(), r.ttlLessAudited(), r.ops(), r.elapsed().toMillis() / 1000.0));
    if (r.firstTtlLessAtOp() > 0) {
      b.append(String.format(", the first after %,d ops", r.firstTtlLessAtOp()));
    }
    if (!r.ttlLessKeys().isEmpty()) {
      b.append("; keys ").append(String.join(", ", r.ttlLessKeys()));
    }
    if (r.errors() > 0) {
      b.append(String.format("; %,d errors, e.g. %s", r.errors(), r.errorSamples().isEmpty() ? "?" : r.errorSamples().get(0)));
    }
    b.append("\n    replay: ").append(replay(r.server()));
    return b.toString();
  }

  /** The CLI command that hunts the same way on one server, with the variant's classes on the class path. */
  String replay(String serverId) {
    String cmd = "redis-race hunt --server " + serverId + " --variant " + variant.id() + " " + flags(settings);
    String where = ClassPaths.location(variant.getClass());
    return where.isEmpty() ? "java -jar core/target/redis-race.jar " + cmd.substring("redis-race ".length())
        : "java -cp core/target/redis-race.jar:" + where + " io.redisrace.cli.RedisRaceCli " + cmd.substring("redis-race ".length())
            + "  (the variant listed in META-INF/services/" + CounterVariant.class.getName() + ")";
  }

  static String flags(HuntSettings s) {
    return "--client " + s.client().id() + " --ttl-ms " + s.ttlMs() + " --threads " + s.threads() + " --keys " + s.keys()
        + (s.duration() == null ? "" : " --duration " + duration(s.duration())) + (s.maxOps() > 0 ? " --ops " + s.maxOps() : "")
        + (s.stopAfterTtlLess() > 0 ? " --stop-after " + s.stopAfterTtlLess() : "");
  }

  private static String duration(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
