package io.redisrace.report;

import io.redisrace.HarnessException;
import io.redisrace.counter.CounterVariants;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the harness must find, as data ({@code results/expectations.txt}): for a variant x server
 * x TTL x keyspace, is the cell {@code clean} (a TTL-less key there fails the gate),
 * {@code must-race} (finding none fails the gate: the harness lost its power to find the bug) or
 * {@code may-race} (counted and shown, never gated). First matching line wins; a cell that no
 * line matches is judged against the baseline only. The server column is a {@link ServerRange}:
 * {@code *}, a server id, or Redis version ranges ({@code <6.0.15+6.2.0..6.2.5}), so one line
 * covers every installed version that Redis history puts on the same side of a fix.
 */
public final class BenchExpectations {

  public enum Verdict {
    CLEAN("clean"), MUST_RACE("must-race"), MAY_RACE("may-race");

    private final String id;

    Verdict(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static Verdict parse(String s, String where) {
      for (Verdict v : values()) {
        if (v.id.equals(s)) {
          return v;
        }
      }
      throw new HarnessException(where + ": verdict '" + s + "' is unknown; use clean, must-race or may-race.");
    }
  }

  /** One line: patterns, verdict, and the reason people read in the gate table. */
  public record Rule(String variant, String server, String ttl, String keys, Verdict verdict, String why, ServerRange range) {
    public boolean matches(CellKey c) {
      // embedded:2.8 is Redis 2.8 too: a pin says where the server ran, not what it is.
      return (variant.equals("*") || variant.equals(c.variant())) && range.matches(c.unpinnedServer())
          && number(ttl, c.ttlMs()) && number(keys, c.keys());
    }

    private static boolean number(String pattern, long value) {
      if (pattern.equals("*")) {
        return true;
      }
      if (pattern.startsWith("<=")) {
        return value <= Long.parseLong(pattern.substring(2));
      }
      if (pattern.startsWith(">=")) {
        return value >= Long.parseLong(pattern.substring(2));
      }
      return value == Long.parseLong(pattern);
    }
  }

  private final List<Rule> rules;

  private BenchExpectations(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  public static BenchExpectations none() {
    return new BenchExpectations(List.of());
  }

  public static BenchExpectations read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new HarnessException("Cannot read the expectations file " + file + "; pass an existing file or leave --expectations out.");
    }
  }

  /** The copy of results/expectations.txt packaged in the report jar. */
  public static BenchExpectations builtIn() {
    try (InputStream in = BenchExpectations.class.getResourceAsStream("expectations.txt")) {
      return in == null ? none() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "expectations.txt");
    } catch (IOException e) {
      return none();
    }
  }

  public static BenchExpectations parse(String text, String source) {
    List<Rule> rules = new ArrayList<>();
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + n;
      String[] f = line.split("\\s+", 6);
      if (f.length < 5) {
        throw new HarnessException(where + " has " + f.length + " columns; a line is: variant server ttlMs keys verdict [why].");
      }
      for (String num : List.of(f[2], f[3])) {
        if (!num.matches("\\*|(<=|>=)?\\d+")) {
          throw new HarnessException(where + ": '" + num + "' is not a number pattern; use *, 20, <=20 or >=1000.");
        }
      }
      if (!f[0].equals("*") && CounterVariants.byId(f[0]).isEmpty() && !AtlasGate.MEASURES.contains(f[0])) {
        throw new HarnessException(where + ": variant '" + f[0] + "' is unknown; use * or one of " + CounterVariants.ids() + " or "
            + String.join(", ", AtlasGate.MEASURES) + ".");
      }
      rules.add(new Rule(f[0], f[1], f[2], f[3], Verdict.parse(f[4].toLowerCase(Locale.ROOT), where), f.length > 5 ? f[5].strip() : "",
          ServerRange.parse(f[1], where)));
    }
    return new BenchExpectations(rules);
  }

  public Optional<Rule> rule(CellKey cell) {
    return rules.stream().filter(r -> r.matches(cell)).findFirst();
  }

  public List<Rule> rules() {
    return rules;
  }
}
