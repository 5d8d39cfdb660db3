package io.redisrace.bench;

import io.redisrace.Bundled;
import io.redisrace.HarnessException;
import io.redisrace.HasId;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.topology.ClusterAddresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The benchmark matrix, read from {@code bench-plan.txt} (see the comment at its top): which
 * counter cells run in which {@code -Dbench.mode}. Expansion only; BenchRunner decides what a
 * server can run and adds the calibration cells.
 */
public final class BenchPlan {

  /** The built-in plan, a classpath resource next to this class. */
  public static final String RESOURCE = "bench-plan.txt";

  /** Warmup and measurement iterations of a cell. */
  public record Iterations(int warmups, int warmupSeconds, int measurements, int measurementSeconds) {
    private static final Pattern FORM = Pattern.compile("(\\d+)x(\\d+)s/([1-9]\\d*)x([1-9]\\d*)s");

    static Iterations parse(String text, String where) {
      Matcher m = FORM.matcher(text);
      if (!m.matches()) {
        throw new HarnessException(where + ": iterations '" + text + "' are not of the form 1x1s/3x2s (warmups x seconds / measurements x seconds).");
      }
      return new Iterations(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
    }

    /** Seconds of benchmark time, forks and setup excluded. */
    public int seconds() {
      return warmups * warmupSeconds + measurements * measurementSeconds;
    }

    @Override
    public String toString() {
      return warmups + "x" + warmupSeconds + "s/" + measurements + "x" + measurementSeconds + "s";
    }
  }

  /** What a cell measures: ops/s or the latency distribution. */
  public enum Kind implements HasId {
    THRPT("thrpt", "throughput"),
    SAMPLE("sample", "latency");

    private final String id;
    private final String method;

    Kind(String id, String method) {
      this.id = id;
      this.method = method;
    }

    public String id() {
      return id;
    }

    /** The CounterBenchmark method. */
    public String method() {
      return method;
    }

    static Kind parse(String text, String where) {
      return HasId.byId(Kind.class, text)
          .orElseThrow(() -> new HarnessException(where + ": kind '" + text + "' is unknown; use thrpt or sample."));
    }
  }

  /** One counter benchmark cell. */
  public record Cell(Kind kind, String variant, String client, String server, long ttlMs, int keys, int threads, Iterations iterations) {
    /** The text that {@code -Dbench.include} is matched against (find, not full match). */
    public String id() {
      return kind.id() + " variant=" + variant + " client=" + client + " server=" + server + " ttlMs=" + ttlMs + " keys=" + keys
          + " threads=" + threads + " ";
    }
  }

  private final List<Line> lines;

  private record Line(Set<String> modes, Kind kind, List<String> variants, List<String> clients, List<String> servers,
                      List<Long> ttls, List<Integer> keys, List<Integer> threads, Iterations iterations) {}

  private BenchPlan(List<Line> lines) {
    this.lines = lines;
  }

  public static BenchPlan builtIn() {
    return parse(Bundled.text(BenchPlan.class, RESOURCE), RESOURCE);
  }

  public static BenchPlan read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new HarnessException("Cannot read the bench plan " + file + " (" + e.getMessage() + "); pass an existing file.");
    }
  }

  public static BenchPlan parse(String text, String source) {
    List<Line> lines = new ArrayList<>();
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.replaceAll("#.*", "").strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = source + " line " + n;
      String[] f = line.split("\\s+");
      if (f.length != 9) {
        throw new HarnessException(where + " has " + f.length
            + " columns; a plan line has 9: mode kind variants clients servers ttlMs keys threads iterations.");
      }
      List<String> variants = f[2].equals("*") ? CounterVariants.all().stream().map(CounterVariant::id).toList() : list(f[2]);
      variants.forEach(CounterVariants::parse);
      List<String> clients = list(f[3]);
      clients.forEach(ClientMode::parse);
      lines.add(new Line(new LinkedHashSet<>(list(f[0])), Kind.parse(f[1], where), variants, clients, servers(f[4]),
          numbers(f[5], where, "ttlMs").stream().map(Long::valueOf).toList(),
          numbers(f[6], where, "keys"), numbers(f[7], where, "threads"), Iterations.parse(f[8], where)));
    }
    return new BenchPlan(lines);
  }

  /** The modes the plan knows, in order of appearance. */
  public Set<String> modes() {
    return lines.stream().flatMap(l -> l.modes().stream()).collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** Every cell of a mode, in plan order, no duplicates. */
  public List<Cell> cells(String mode) {
    String m = mode.toLowerCase(Locale.ROOT);
    if (!modes().contains(m)) {
      throw HasId.unknown("bench mode", mode, String.join(", ", modes()));
    }
    Set<Cell> cells = new LinkedHashSet<>();
    for (Line l : lines) {
      if (!l.modes().contains(m)) {
        continue;
      }
      for (String server : l.servers()) {
        for (String client : l.clients()) {
          for (int threads : l.threads()) {
            for (long ttl : l.ttls()) {
              for (int keys : l.keys()) {
                for (String variant : l.variants()) {
                  cells.add(new Cell(l.kind(), variant, client, server, ttl, keys, threads, l.iterations()));
                }
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(cells);
  }

  /** A seed of a user's cluster in a server list: host:port. */
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9_.\\[\\]-]+:\\d+");

  /**
   * The servers column: a comma-separated list, where the {@code host:port} items that follow a
   * {@code redis-cluster://host:port} are more seeds of that cluster ({@code 7.0},
   * {@code cluster:7.0} or {@code sentinel:7.0} are no host:port, so they start a server of their own).
   */
  static List<String> servers(String field) {
    List<String> out = new ArrayList<>();
    for (String item : list(field)) {
      int last = out.size() - 1;
      if (last >= 0 && out.get(last).startsWith(ClusterAddresses.SCHEME) && HOST_PORT.matcher(item).matches()) {
        out.set(last, out.get(last) + "," + item);
      } else {
        out.add(item);
      }
    }
    return out;
  }

  private static List<String> list(String field) {
    return Arrays.stream(field.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static List<Integer> numbers(String field, String where, String column) {
    try {
      List<Integer> values = list(field).stream().map(Integer::valueOf).toList();
      if (values.stream().anyMatch(v -> v <= 0)) {
        throw new NumberFormatException();
      }
      return values;
    } catch (NumberFormatException e) {
      throw new HarnessException(where + ": " + column + " '" + field + "' must be positive whole numbers separated by commas.");
    }
  }
}
