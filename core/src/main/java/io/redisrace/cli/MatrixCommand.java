package io.redisrace.cli;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.command.BackendOption;
import io.redisrace.command.DurationConverter;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redis-race matrix}: the race hunt for every variant x server (x client), with the same
 * settings and bound per cell, printed as a Markdown table (the README's "Race hunt figures").
 *
 * <pre>
 * java -jar core/target/redis-race.jar matrix --ttl-ms 1 --threads 4 --keys 1 --duration 10s
 * </pre>
 */
@Command(name = "matrix", mixinStandardHelpOptions = true,
    description = "Hunts every variant on every server with the same settings and prints a Markdown table.")
public final class MatrixCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin BackendOption backendOption;

  @Option(names = "--servers", split = ",", defaultValue = "2.8,6.2,7.0", description = "Server ids: 2.8, 6.2, 7.0, system, redis://host:port, docker:<image> (default: ${DEFAULT-VALUE}).")
  List<String> servers;

  @Option(names = "--variants", split = ",", description = "Variant ids (default: all, user variants included).")
  List<String> variants;

  @Option(names = "--clients", split = ",", defaultValue = "jedis", description = "Client modes (default: ${DEFAULT-VALUE}).")
  List<String> clients;

  @Option(names = "--ttl-ms", defaultValue = "1", description = "TTL of each new key in ms (default: ${DEFAULT-VALUE}).")
  long ttlMs;

  @Option(names = "--threads", defaultValue = "4", description = "Connections per cell (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--keys", defaultValue = "1", description = "Keyspace size (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--duration", converter = DurationConverter.class, description = "Bound per cell, e.g. 10s (default: 10s unless --ops).")
  Duration duration;

  @Option(names = "--ops", defaultValue = "0", description = "Operations per cell (0: no count bound).")
  long ops;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every cell's result as JSON to FILE (atomically).")
  Path json;

  @Override
  public Integer call() throws IOException {
    List<CounterVariant> vs = variants == null ? CounterVariants.all() : variants.stream().map(CounterVariants::parse).toList();
    List<ClientMode> cs = clients.stream().map(ClientMode::parse).toList();
    List<ServerSpec> ss = servers.stream().map(ServerSpec::parse).toList();
    if (ops < 0) {
      throw new HarnessException("--ops must be positive, not " + ops + ".");
    }
    Duration bound = duration == null && ops == 0 ? Duration.ofSeconds(10) : duration;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Map<String, String>> table = new LinkedHashMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    List<HuntResult> results = new ArrayList<>();
    int cells = vs.size() * cs.size() * ss.size();
    int done = 0;
    for (ServerSpec s : ss) {
      try (RedisServer redis = RedisServer.builder(s).withBackend(backendOption.backend()).start()) {
        versions.put(redis.id(), redis.version() + (redis.backend().equals("embedded") ? "" : " (" + redis.backend() + ")"));
        for (ClientMode c : cs) {
          for (CounterVariant v : vs) {
            String row = cs.size() > 1 ? v.id() + " (" + c.id() + ")" : v.id();
            done++;
            if (v.unsupportedOn(redis.version()).isPresent()) {
              table.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(redis.id(), "n/a (needs 7.0)");
              continue;
            }
            HuntResult r = RaceHunt.run(redis.endpoint(), HuntSettings.of(v, c, ttlMs, threads, keys, bound, ops), null);
            results.add(r);
            err.printf("[%d/%d] %s %s on %s: %,d ops, %,.0f ops/s, %,d TTL-less%n", done, cells, v.id(), c.id(), redis.id(), r.ops(),
                r.opsPerSecond(), r.ttlLess());
            err.flush();
            table.computeIfAbsent(row, k -> new LinkedHashMap<>()).put(redis.id(), cell(r));
          }
        }
      }
    }
    out.println(heading(cs, ttlMs, threads, keys, bound, ops));
    out.println();
    StringBuilder header = new StringBuilder("| variant |");
    StringBuilder rule = new StringBuilder("|---|");
    versions.forEach((id, version) -> {
      header.append(" Redis ").append(version).append(" |");
      rule.append("---|");
    });
    out.println(header);
    out.println(rule);
    table.forEach((row, byServer) -> {
      StringBuilder line = new StringBuilder("| ").append(row).append(" |");
      versions.keySet().forEach(id -> line.append(' ').append(byServer.getOrDefault(id, "")).append(" |"));
      out.println(line);
    });
    out.println();
    out.println("Cell: TTL-less keys / ops, rate per million ops [95% CI], ops/s.");
    out.flush();
    if (json != null) {
      HuntCommand.writeJson(results, json);
      out.println("wrote " + json);
    }
    return 0;
  }

  /**
   * "TTL-less keys per variant and server, client jedis: ttl 20 ms, 1 threads, 1 key(s), at most
   * 200,000 ops or 60 s per cell." The bound as it is: a count, a time or whichever comes first.
   */
  static String heading(List<ClientMode> clients, long ttlMs, int threads, int keys, Duration bound, long ops) {
    String per = ops > 0 && bound != null ? String.format(Locale.ROOT, "at most %,d ops or %s", ops, text(bound))
        : ops > 0 ? String.format(Locale.ROOT, "%,d ops", ops) : text(bound);
    String who = clients.size() == 1 ? "client " + clients.get(0).id()
        : "clients " + String.join(", ", clients.stream().map(ClientMode::id).toList()) + " (rows name the client)";
    return String.format(Locale.ROOT, "TTL-less keys per variant and server, %s: ttl %d ms, %d threads, %d key(s), %s per cell.",
        who, ttlMs, threads, keys, per);
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String cell(HuntResult r) {
    var rate = r.ttlLessRate();
    return String.format("**%,d** / %,d; %.0f/M [%.0f-%.0f]; %,.0f ops/s", r.ttlLess(), r.ops(), rate.perMillion(),
        rate.lowPerMillion(), rate.highPerMillion(), r.opsPerSecond());
  }
}
