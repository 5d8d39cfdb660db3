package io.redisrace.chaos.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redisrace.chaos.report.KnownUnsafe;
import io.redisrace.chaos.report.LoaderRows;
import io.redisrace.chaos.workload.CommandLoader;
import io.redisrace.chaos.schedule.Shape;
import io.redisrace.chaos.nemesis.Fault;
import io.redisrace.stats.RateEstimate;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.LoaderVariants;
import io.redisrace.process.RunDir;
import io.redisrace.topology.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code chaos.json}: one document per run, schema {@value #SCHEMA} (docs/chaos.md lists every
 * field). Written atomically: a temp file in the same directory, then a rename.
 */
public final class ChaosResults {
  public static final String SCHEMA = "redis-race/chaos/v1";
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ChaosResults() {}

  /**
   * One heat-table cell: variant x fault x shape. {@code column} is the fault, followed by the
   * shape's label ("none ×4") when the cell is not in the run's classic shape.
   * {@code duplicatedChunks} of {@code chunks}: summed over the cell's trials, the duplication rate.
   */
  public record Cell(String variant, String fault, String column, int loaders, int rows, int chunkSize, int trials, int withLoss,
                     int withDuplication, int invalid, int faultNotApplied, boolean expectedUnsafe, long chunks,
                     long duplicatedChunks, double duplicatedPer1000, double duplicatedPer1000Low, double duplicatedPer1000High,
                     int withAckedLoss) {}

  public static List<Cell> cells(ChaosSettings settings, List<TrialRecord> trials) {
    Map<String, List<TrialRecord>> byCell = new LinkedHashMap<>();
    for (TrialRecord t : trials) {
      byCell.computeIfAbsent(t.variant() + "|" + t.fault() + "|" + t.loaders() + "|" + t.rows() + "|" + t.chunkSize(),
          k -> new ArrayList<>()).add(t);
    }
    List<Cell> cells = new ArrayList<>();
    byCell.values().forEach(list -> {
      TrialRecord first = list.get(0);
      Shape shape = new Shape(first.loaders(), (int) first.rows(), first.chunkSize(), first.skewMs());
      Shape classic = settings.variants().stream().filter(v -> v.id().equals(first.variant())).findFirst()
          .or(() -> LoaderVariants.byId(first.variant())).map(settings::shape).orElse(null);
      boolean classicShape = classic != null && classic.loaders() == shape.loaders() && classic.chunkSize() == shape.chunkSize()
          && classic.rows() == shape.rows();
      String column = classicShape ? first.fault() : first.fault() + " " + shape.label();
      long chunks = list.stream().mapToLong(TrialRecord::chunks).sum();
      long dupChunks = list.stream().mapToLong(TrialRecord::duplicatedChunks).sum();
      RateEstimate rate = RateEstimate.of(dupChunks, chunks);
      cells.add(new Cell(first.variant(), first.fault(), column, shape.loaders(), shape.rows(), shape.chunkSize(), list.size(),
          (int) list.stream().filter(TrialRecord::hasLoss).count(), (int) list.stream().filter(TrialRecord::hasDuplication).count(),
          (int) list.stream().filter(t -> !t.valid()).count(),
          (int) list.stream().filter(t -> !t.faultApplied() && !t.fault().equals("none")).count(),
          KnownUnsafe.knownUnsafe(first.variant(), first.fault(), shape.loaders(), shape.chunks()), chunks, dupChunks,
          per1000(rate.perMillion()), per1000(rate.lowPerMillion()), per1000(rate.highPerMillion()),
          (int) list.stream().filter(TrialRecord::hasAckedLoss).count()));
    });
    return cells;
  }

  private static double per1000(double perMillion) {
    return Double.isNaN(perMillion) ? 0 : Math.round(perMillion / 1000 * 100) / 100.0;
  }

  /** The document as a map, in schema order. */
  public static Map<String, Object> document(ChaosSettings s, String serverId, String serverVersion, String serverBackend, String toxiproxy,
      Instant startedAt, double seconds, List<TrialRecord> trials, Map<String, Object> extra) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("schema", SCHEMA);
    doc.put("mode", s.mode());
    doc.put("seed", s.seed());
    doc.put("startedAt", startedAt.toString());
    doc.put("durationSeconds", Math.round(seconds * 10) / 10.0);
    doc.put("trialCount", trials.size());
    doc.put("trialsPerMinute", seconds > 0 ? Math.round(trials.size() / (seconds / 60.0) * 10) / 10.0 : 0);
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("id", serverId);
    server.put("version", serverVersion);
    server.put("backend", serverBackend);
    if (!s.topology().equals(TopologySettings.SINGLE)) { // the gate's known-lossy cells depend on them
      server.put("topology", s.topology().topology().id());
      server.put("persistence", s.topology().persistence().id());
      server.put("minReplicasToWrite", s.topology().minReplicasToWrite());
      if (s.topology().topology() == Topology.CLUSTER) {
        server.put("topologyRefresh", s.topology().refresh().id());
      }
    }
    doc.put("server", server);
    doc.put("toxiproxy", toxiproxy);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("rows", s.rows());
    settings.put("chunkSize", s.chunkSize());
    settings.put("loaders", s.loaders() == null ? "classic" : s.loaders());
    settings.put("skewMs", s.skewMs());
    settings.put("concurrency", s.concurrency());
    settings.put("trialsPerCell", s.trialsPerCell());
    settings.put("clientTimeoutMs", s.clientTimeout().toMillis());
    settings.put("parallel", s.parallel());
    settings.put("variants", s.variants().stream().map(LoaderVariant::id).toList());
    settings.put("faults", s.faults().stream().map(Fault::id).toList());
    settings.put("clients", s.clients().stream().map(c -> c.id()).toList());
    doc.put("settings", settings);
    doc.put("loaders", s.variants().stream().map(ChaosResults::loader).toList());
    doc.putAll(extra);
    doc.put("cells", cells(s, trials));
    doc.put("trials", trials);
    return doc;
  }

  /** One entry of {@code loaders}: the variant's id and its program ({@code java}, or a --loader-cmd's command line, cut). */
  private static Map<String, String> loader(LoaderVariant v) {
    Map<String, String> row = new LinkedHashMap<>();
    row.put("id", v.id());
    row.put("program", v instanceof CommandLoader c ? c.program() : LoaderRows.JAVA);
    return row;
  }

  /** Writes {@code <outDir>/<timestamp>/chaos.json} atomically and returns its path. */
  public static Path write(Path outDir, Instant startedAt, Map<String, Object> document) throws IOException {
    return write(outDir, startedAt, "", document);
  }

  /** Writes {@code <outDir>/<timestamp><suffix>/chaos.json} (a shard's suffix: {@code -shard-2-of-3}). */
  public static Path write(Path outDir, Instant startedAt, String suffix, Map<String, Object> document) throws IOException {
    Path dir = outDir.resolve(STAMP.format(startedAt) + suffix);
    return RunDir.writeJson(dir.resolve(RunDir.CHAOS), JSON, document);
  }
}
