package io.redisrace.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.command.DurationConverter;
import io.redisrace.command.ShardConverter;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.CounterVariant;
import io.redisrace.counter.CounterVariants;
import io.redisrace.counter.ExecTrigger;
import io.redisrace.hunt.HuntResult;
import io.redisrace.hunt.HuntSettings;
import io.redisrace.hunt.RaceHunt;
import io.redisrace.process.RunDir;
import io.redisrace.process.Shard;
import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerInstaller;
import io.redisrace.server.ServerManifest;
import io.redisrace.server.ServerSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code redis-race atlas}: on every installed version of the manifest (or those of
 * {@code --servers}), a bounded race hunt per counter variant, the deterministic EXEC trigger and
 * the PTTL-in-EXEC "expired in flight" count; prints one Markdown table (version x variant, TTL-less
 * per million with its 95% interval) and writes it to {@code --out}; the same as {@code atlas.json}
 * ({@link RunDir#ATLAS}) into a run directory, which the report (its atlas section) and the gate
 * (every cell against {@code results/expectations.txt}) read.
 */
@Command(name = "atlas", mixinStandardHelpOptions = true,
    description = "Race hunt per variant, EXEC trigger and PTTL-in-EXEC count on every installed server version; one table.")
public final class AtlasCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--servers", defaultValue = "installed", paramLabel = "IDS",
      description = "Comma separated version ids, all, or installed (default: ${DEFAULT-VALUE}).")
  String servers;

  @Option(names = "--variants", paramLabel = "IDS", description = "Comma separated counter variants (default: every built-in one).")
  String variants;

  @Option(names = "--per-cell", defaultValue = "2s", converter = DurationConverter.class,
      description = "Race hunt time per version and variant (default: ${DEFAULT-VALUE}).")
  Duration perCell;

  @Option(names = "--ttl-ms", defaultValue = "1", description = "TTL of each new key in the hunt (default: ${DEFAULT-VALUE}).")
  long ttlMs;

  @Option(names = "--threads", defaultValue = "2", description = "Connections per hunt (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--triggers", defaultValue = "3", description = "Deterministic EXEC triggers per version (default: ${DEFAULT-VALUE}).")
  int triggers;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the table as Markdown to FILE.")
  Path out;

  @Option(names = "--run-dir", paramLabel = "DIR",
      description = "Run directory that gets atlas.json, read by redis-race-report report and gate (default: results/atlas, "
          + "results/atlas-shard-K-of-N for a shard).")
  Path runDir;

  @Option(names = "--shard", paramLabel = "K/N", converter = ShardConverter.class,
      description = "Run only the K-th of N parts of the version list (version i goes to shard i mod N + 1); "
          + "redis-race-report merge joins the N run directories.")
  Shard shard = Shard.ALL;

  @Option(names = "--install", description = "Install the versions this run (or shard) needs first (redis-race servers --install).")
  boolean install;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** One variant on one version: its hunt, or why it cannot run there. */
  record Cell(CounterVariant variant, HuntResult hunt, String unsupported) {
    String text() {
      if (hunt == null) {
        return "n/a";
      }
      if (hunt.errors() > 0 && hunt.ops() == 0) {
        return "error";
      }
      var rate = hunt.ttlLessRate();
      return String.format("%,d / %,d ops: %.0f/M [%.0f, %.0f]", rate.events(), rate.ops(), rate.perMillion(), rate.lowPerMillion(),
          rate.highPerMillion());
    }
  }

  /** One version's row. */
  record Row(ServerManifest.Entry entry, String info, List<Cell> cells, Triggers t) {
    List<String> texts() {
      return cells.stream().map(Cell::text).toList();
    }
  }

  /** The EXEC triggers of one version: how they paused, in how many time passed, and what they saw. */
  record Triggers(ExecTrigger.Pause pause, int runs, int timePassed, int ttlLess, int expiredInFlight) {
    static Triggers run(Jedis jedis, int runs) {
      ExecTrigger.Pause pause = ExecTrigger.pauseFor(jedis);
      int passed = 0;
      int ttlLess = 0;
      int inFlight = 0;
      for (int i = 0; i < runs; i++) {
        ExecTrigger.Result r = ExecTrigger.run(jedis, pause);
        passed += r.timePassed() ? 1 : 0;
        ttlLess += r.ttlLess() ? 1 : 0;
        inFlight += r.expiredInFlight() ? 1 : 0;
      }
      return new Triggers(pause, runs, passed, ttlLess, inFlight);
    }

    /** Every run held the EXEC at least the key's life; else the trigger proved nothing there. */
    boolean measured() {
      return timePassed == runs;
    }

    String ttlLessText() {
      return measured() ? ttlLess + "/" + runs : "not measured (" + pause.id() + ": no time passed inside EXEC in " + (runs - timePassed)
          + " of " + runs + ")";
    }

    String inFlightText() {
      return measured() ? expiredInFlight + "/" + runs : "not measured";
    }
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerManifest manifest = ServerManifest.builtIn();
    List<ServerManifest.Entry> listed = servers.equals("installed")
        ? manifest.entries().stream().filter(e -> ServerInstaller.installed(e).isPresent()).toList() : manifest.select(servers);
    List<ServerManifest.Entry> entries = shard.of(listed);
    Path dir = runDir != null ? runDir : Path.of("results", "atlas" + shard.suffix());
    List<CounterVariant> vs = variants == null ? Arrays.<CounterVariant>asList(BuiltInVariant.values())
        : Arrays.stream(variants.split(",")).map(String::strip).map(CounterVariants::parse).toList();
    if (listed.isEmpty()) {
      throw new HarnessException("No server version is installed; run redis-race servers --install all first.");
    }
    ObjectNode skipped = JSON.createObjectNode();
    if (install) {
      List<ServerManifest.Entry> ready = new ArrayList<>();
      for (ServerManifest.Entry e : entries) {
        long i0 = System.nanoTime();
        try {
          Path bin = ServerInstaller.install(e);
          err.printf("atlas: installed %s in %.1f s: %s%n", e.id(), (System.nanoTime() - i0) / 1e9, bin);
          ready.add(e);
        } catch (HarnessException ex) {
          err.printf("atlas: %s not installed, skipped: %s%n", e.id(), ex.getMessage());
          skipped.put(e.id(), "not installed: " + ex.getMessage());
        }
      }
      entries = ready;
    }
    long t0 = System.nanoTime();
    err.printf("atlas%s: %d versions x %d variants, %s per cell, ttl %d ms, %d threads, %d EXEC triggers per version%n",
        shard.all() ? "" : " shard " + shard + " (" + entries.stream().map(ServerManifest.Entry::id).collect(Collectors.joining(", ")) + ")",
        entries.size(), vs.size(), perCell, ttlMs, threads, triggers);
    Instant started = Instant.now();
    List<Row> rows = new ArrayList<>();
    for (ServerManifest.Entry e : entries) {
      RedisServer.Builder builder = RedisServer.builder(ServerSpec.of(e)).withBackend(Backend.EMBEDDED);
      if (e.redisVersion().atLeast(RedisVersion.parse("7.0"))) {
        builder.withConfig("enable-debug-command", "yes"); // the trigger's DEBUG SLEEP; below 7.0 DEBUG is always there
      }
      try (RedisServer redis = builder.start()) {
        List<Cell> cells = new ArrayList<>();
        for (CounterVariant v : vs) {
          var unsupported = v.unsupportedOn(redis.version());
          cells.add(unsupported.isPresent() ? new Cell(v, null, unsupported.get())
              : new Cell(v, RaceHunt.run(redis.endpoint(), HuntSettings.of(v, ClientMode.JEDIS, ttlMs, threads, 1, perCell, 0), null), null));
        }
        Triggers t;
        try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
          t = Triggers.run(jedis, triggers);
        }
        rows.add(new Row(e, redis.version().toString(), cells, t));
        err.printf("[%3ds] %-13s %s | trigger (%s) TTL-less %s, expired in flight %s%n", (System.nanoTime() - t0) / 1_000_000_000,
            e.id(), String.join(" | ", new Row(e, "", cells, t).texts()), t.pause().id(), t.ttlLessText(), t.inFlightText());
        err.flush();
      } catch (HarnessException | JedisException ex) {
        err.printf("%-13s skipped: %s%n", e.id(), ex.getMessage());
        skipped.put(e.id(), String.valueOf(ex.getMessage()));
      }
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    String table = table(vs, rows) + String.format("%nWall time %.0f s for %d versions (%s per cell, %d variants).%n",
        wall, rows.size(), perCell, vs.size());
    o.print(table);
    o.flush();
    if (out != null) {
      RunDir.writeString(out, table);
      o.println("wrote " + out);
    }
    ObjectNode doc = json(vs, rows, skipped, started, wall);
    if (!shard.all()) {
      doc.put(Shard.FIELD, shard.toString());
      listed.forEach(e -> doc.withArray("shardOf").add(e.id()));
    }
    o.println("wrote " + RunDir.writeJson(dir.resolve(RunDir.ATLAS), JSON, doc));
    return 0;
  }

  /** atlas.json: the settings, one object per version (its cells and trigger counts), the versions skipped and why. */
  private ObjectNode json(List<CounterVariant> vs, List<Row> rows, ObjectNode skipped, Instant started, double wall) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("schema", "redis-race/atlas/v1");
    doc.put("started", STAMP.format(started));
    doc.put("wallSeconds", Math.round(wall * 10) / 10.0);
    doc.put("client", ClientMode.JEDIS.id());
    doc.put("perCellMs", perCell.toMillis());
    doc.put("ttlMs", ttlMs);
    doc.put("threads", threads);
    doc.put("keys", 1);
    doc.put("triggerTtlMs", ExecTrigger.SHORT_TTL_MS);
    vs.forEach(v -> doc.withArray("variants").add(v.id()));
    ArrayNode versions = doc.putArray("versions");
    for (Row r : rows) {
      ObjectNode row = versions.addObject().put("id", r.entry().id()).put("info", r.info());
      ArrayNode cells = row.putArray("cells");
      for (Cell c : r.cells()) {
        ObjectNode cell = cells.addObject().put("variant", c.variant().id());
        if (c.hunt() == null) {
          cell.put("unsupported", c.unsupported());
        } else {
          cell.put("ops", c.hunt().ops()).put("ttlLess", c.hunt().ttlLess()).put("errors", c.hunt().errors());
        }
      }
      row.putObject("trigger").put("runs", r.t().runs()).put("pause", r.t().pause().id()).put("timePassed", r.t().timePassed())
          .put("ttlLess", r.t().ttlLess()).put("expiredInFlight", r.t().expiredInFlight());
    }
    doc.set("skipped", skipped);
    return doc;
  }

  static String table(List<CounterVariant> vs, List<Row> rows) {
    StringBuilder b = new StringBuilder();
    b.append("| version | INFO | ").append(vs.stream().map(CounterVariant::id).collect(Collectors.joining(" | ")))
        .append(" | EXEC trigger TTL-less | PTTL in EXEC expired in flight |\n");
    b.append("|---|---|").append("---|".repeat(vs.size())).append("---|---|\n");
    for (Row r : rows) {
      b.append("| ").append(r.entry().id()).append(" | ").append(r.info()).append(" | ").append(String.join(" | ", r.texts()))
          .append(" | ").append(r.t().ttlLessText()).append(" | ").append(r.t().inFlightText()).append(" |\n");
    }
    return b.toString();
  }
}
