package io.redisrace.chaos.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redisrace.chaos.report.Expectations;
import io.redisrace.process.HarnessDirs;
import java.io.IOException;
import java.nio.file.Files;
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

  /** One heat-table cell: variant x fault. */
  public record Cell(String variant, String fault, int trials, int withLoss, int withDuplication, int invalid,
                     int faultNotApplied, boolean expectedUnsafe) {}

  public static List<Cell> cells(List<TrialRecord> trials) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    Map<String, String[]> keys = new LinkedHashMap<>();
    for (TrialRecord t : trials) {
      String k = t.variant() + "|" + t.fault();
      keys.putIfAbsent(k, new String[] {t.variant(), t.fault()});
      int[] c = counts.computeIfAbsent(k, x -> new int[5]);
      c[0]++;
      c[1] += t.hasLoss() ? 1 : 0;
      c[2] += t.hasDuplication() ? 1 : 0;
      c[3] += t.valid() ? 0 : 1;
      c[4] += t.faultApplied() || t.fault().equals("none") ? 0 : 1;
    }
    List<Cell> cells = new ArrayList<>();
    counts.forEach((k, c) -> {
      String[] vf = keys.get(k);
      cells.add(new Cell(vf[0], vf[1], c[0], c[1], c[2], c[3], c[4], Expectations.knownUnsafe(vf[0], vf[1])));
    });
    return cells;
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
    doc.put("server", server);
    doc.put("toxiproxy", toxiproxy);
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("rows", s.rows());
    settings.put("chunkSize", s.chunkSize());
    settings.put("trialsPerCell", s.trialsPerCell());
    settings.put("clientTimeoutMs", s.clientTimeout().toMillis());
    settings.put("parallel", s.parallel());
    settings.put("variants", s.variants().stream().map(Object::toString).toList());
    settings.put("faults", s.faults().stream().map(Object::toString).toList());
    settings.put("clients", s.clients().stream().map(c -> c.id()).toList());
    doc.put("settings", settings);
    doc.putAll(extra);
    doc.put("cells", cells(trials));
    doc.put("trials", trials);
    return doc;
  }

  /** Writes {@code <outDir>/<timestamp>/chaos.json} atomically and returns its path. */
  public static Path write(Path outDir, Instant startedAt, Map<String, Object> document) throws IOException {
    Path dir = outDir.resolve(STAMP.format(startedAt));
    Files.createDirectories(dir);
    Path target = dir.resolve("chaos.json");
    Path tmp = Files.createTempFile(dir, "chaos.json", ".tmp");
    JSON.writeValue(tmp.toFile(), document);
    try {
      Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException ignored) {
      // not a POSIX file system
    }
    HarnessDirs.moveAtomically(tmp, target);
    return target;
  }
}
