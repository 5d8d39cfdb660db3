package io.redisrace.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.redisrace.process.RunDir;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The version atlas ({@link RunDir#ATLAS}, written by {@code redis-race atlas}) as cells the
 * expectations judge: per version, one race-hunt cell per variant ({@code atlas}: its TTL, keys and
 * threads) and the deterministic EXEC trigger as a {@code multi} cell of its own
 * ({@code atlas-trigger}: a key of {@code triggerTtlMs}, one key, one connection). The gate holds
 * each cell to the first matching line of {@code results/expectations.txt}, the same rules as a
 * benchmark cell: a TTL-less key where the line says {@code clean}, or none where it says
 * {@code must-race}, is a finding; {@code may-race} and cells no line matches are shown only.
 */
public final class AtlasGate {
  public static final String HUNT = "atlas";
  public static final String TRIGGER = "atlas-trigger";
  /** The trigger's PTTL inside EXEC: its "variant" in expectations.txt, its kind among the cells. */
  public static final String IN_FLIGHT = "expired-in-flight";
  /** The measures of the atlas that expectations.txt may name besides the counter variants. */
  public static final List<String> MEASURES = List.of(IN_FLIGHT);

  /** One atlas cell: what ran ({@code cell.server()} is the version id), its TTL-less count and ops (trigger runs for a trigger). */
  public record Cell(CellKey cell, long ttlLess, long ops) {
    public RateEstimate rate() {
      return RateEstimate.of(ttlLess, ops);
    }
  }

  private AtlasGate() {}

  /** The cells of an atlas document, in its order: per version, its variants, then its trigger. Unsupported cells are left out. */
  public static List<Cell> cells(JsonNode atlas) {
    List<Cell> cells = new ArrayList<>();
    String client = atlas.path("client").asText("jedis");
    for (JsonNode v : atlas.path("versions")) {
      String id = v.path("id").asText();
      for (JsonNode c : v.path("cells")) {
        if (c.has("ops")) {
          cells.add(new Cell(new CellKey(HUNT, c.path("variant").asText(), client, id, atlas.path("ttlMs").asLong(),
              atlas.path("keys").asInt(1), atlas.path("threads").asInt()), c.path("ttlLess").asLong(), c.path("ops").asLong()));
        }
      }
      JsonNode t = v.path("trigger");
      if (measured(t)) {
        long ttl = atlas.path("triggerTtlMs").asLong();
        cells.add(new Cell(new CellKey(TRIGGER, "multi", client, id, ttl, 1, 1), t.path("ttlLess").asLong(), t.path("runs").asLong()));
        cells.add(new Cell(new CellKey(IN_FLIGHT, IN_FLIGHT, client, id, ttl, 1, 1), t.path("expiredInFlight").asLong(),
            t.path("runs").asLong()));
      }
    }
    return cells;
  }

  /**
   * Whether a version's triggers measured anything: they ran, and in every run the EXEC lasted the
   * key's life ({@code timePassed}; an atlas.json from before that field counts as measured). Where no
   * time passed inside EXEC the trigger proves nothing: not measured, never clean.
   */
  public static boolean measured(JsonNode trigger) {
    long runs = trigger.path("runs").asLong();
    return runs > 0 && trigger.path("timePassed").asLong(runs) == runs;
  }

  /** The atlas of {@code run}, if it has one. */
  public static Optional<JsonNode> of(RunData run) {
    return run.file(RunDir.ATLAS).filter(JsonNode::isObject);
  }

  /** Every atlas cell that disagrees with its expectation, each with one sentence that says how. */
  public static List<BenchGate.Finding> findings(JsonNode atlas, BenchExpectations expectations) {
    List<BenchGate.Finding> findings = new ArrayList<>();
    for (Cell c : cells(atlas)) {
      Optional<BenchExpectations.Rule> rule = expectations.rule(c.cell());
      if (rule.isEmpty() || c.ops() <= 0) {
        continue;
      }
      BenchExpectations.Verdict verdict = rule.get().verdict();
      if (verdict == BenchExpectations.Verdict.CLEAN && c.ttlLess() > 0) {
        findings.add(new BenchGate.Finding(BenchGate.Rule.NEW_TTL_LESS, c.cell(), "-", BenchGate.ttlText(c.rate()),
            sentence(c, "left " + c.ttlLess() + " TTL-less key(s)", "clean", rule.get()), true));
      } else if (verdict == BenchExpectations.Verdict.MUST_RACE && c.ttlLess() == 0) {
        findings.add(new BenchGate.Finding(BenchGate.Rule.LOST_DETECTION, c.cell(), "-", BenchGate.ttlText(c.rate()),
            sentence(c, "left no TTL-less key", "must-race", rule.get()), true));
      }
    }
    return findings;
  }

  private static String sentence(Cell c, String what, String verdict, BenchExpectations.Rule rule) {
    String kind = c.cell().kind();
    if (kind.equals(IN_FLIGHT)) {
      what = c.ttlLess() > 0 ? "read 0 (expired in flight) " + c.ttlLess() + " time(s)" : "never read 0 (expired in flight)";
    }
    String where = kind.equals(TRIGGER) ? "the EXEC trigger" : kind.equals(IN_FLIGHT) ? "the EXEC trigger's PTTL inside EXEC"
        : c.cell().variant() + "'s race hunt";
    String unit = kind.equals(HUNT) ? "ops" : "run(s)";
    return String.format(Locale.ROOT, "The atlas says %s on %s %s in %,d %s, but results/expectations.txt says %s on %s (%s).", where,
        c.cell().server(), what, c.ops(), unit, verdict, rule.server(), rule.why());
  }
}
