package io.redisrace.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.process.RunDir;
import io.redisrace.process.Shard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code redis-race-report merge --into DIR SHARD_DIR...}: joins the run directories of the n shards
 * of one run ({@code --shard k/n} on the atlas, the chaos run and the benchmark run) into one run
 * directory, which the report and the gate then read as if one machine had run it all. It refuses,
 * with one sentence, a set that is incomplete (a shard missing), overlapping (a shard twice), mixed
 * (shards of different n, of different settings, or with different kinds of run) or not sharded.
 */
public final class RunMerge {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The kinds of run that shard: one merger each. */
  public static final List<ShardMerger> MERGERS = List.of(new AtlasMerger(), new ChaosMerger(), new BenchMerger());

  /** What a merge did: the kinds joined, the files written, the shard count, the files of the shards it left out. */
  public record Result(List<String> kinds, List<Path> written, int shards, Set<String> leftOut) {}

  private record Part(Path dir, Map<String, JsonNode> files, Shard shard) {}

  private RunMerge() {}

  public static Result merge(Path into, List<Path> dirs) {
    List<Map<String, JsonNode>> loaded = new ArrayList<>();
    for (Path d : dirs) {
      if (d.toAbsolutePath().normalize().equals(into.toAbsolutePath().normalize())) {
        throw new HarnessException("--into " + into + " is one of the shards; merge into a directory of its own.");
      }
      loaded.add(load(d));
    }
    List<ShardMerger> kinds = MERGERS.stream().filter(m -> loaded.stream().anyMatch(f -> f.containsKey(m.marker()))).toList();
    if (kinds.isEmpty()) {
      throw new HarnessException("None of " + dirs + " holds " + MERGERS.stream().map(ShardMerger::marker).collect(Collectors.joining(", "))
          + ": there is nothing to merge.");
    }
    for (ShardMerger m : kinds) {
      Path has = dirs.get(IntStream.range(0, dirs.size()).filter(i -> loaded.get(i).containsKey(m.marker())).findFirst().orElseThrow());
      for (int i = 0; i < dirs.size(); i++) {
        if (!loaded.get(i).containsKey(m.marker())) {
          throw new HarnessException(dirs.get(i) + " has no " + m.marker() + " but " + has + " has one: the shards of one run hold the same files.");
        }
      }
    }
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < dirs.size(); i++) {
      parts.add(new Part(dirs.get(i), loaded.get(i), shardOf(dirs.get(i), loaded.get(i), kinds)));
    }
    checkSet(parts);
    parts.sort(Comparator.comparingInt(p -> p.shard().k()));
    for (ShardMerger m : kinds) {
      ObjectNode first = m.settings(parts.get(0).files());
      for (Part p : parts.subList(1, parts.size())) {
        String diff = difference(first, m.settings(p.files()));
        if (diff != null) {
          throw new HarnessException(parts.get(0).dir() + " and " + p.dir() + " are not shards of one " + m.name() + ": " + diff
              + "; the shards of one run share its settings.");
        }
      }
    }
    List<Path> written = new ArrayList<>();
    Set<String> mergedNames = new LinkedHashSet<>();
    try {
      for (ShardMerger m : kinds) {
        for (Map.Entry<String, JsonNode> f : new TreeMap<>(m.merge(parts.stream().map(Part::files).toList())).entrySet()) {
          written.add(RunDir.writeJson(into.resolve(f.getKey()), JSON, f.getValue()));
          mergedNames.add(f.getKey());
        }
      }
    } catch (IOException e) {
      throw new HarnessException("Cannot write the merged run into " + into + " (" + e.getMessage() + ").");
    }
    Set<String> leftOut = new LinkedHashSet<>();
    parts.forEach(p -> p.files().keySet().stream().filter(n -> !mergedNames.contains(n)).forEach(leftOut::add));
    return new Result(kinds.stream().map(ShardMerger::name).toList(), written, parts.size(), leftOut);
  }

  /** The shard a directory says it is, the same in every file of a kind it holds. */
  private static Shard shardOf(Path dir, Map<String, JsonNode> files, List<ShardMerger> kinds) {
    Shard shard = null;
    String from = null;
    for (ShardMerger m : kinds) {
      JsonNode doc = files.get(m.marker());
      String text = doc.path(Shard.FIELD).asText("");
      if (text.isEmpty()) {
        throw new HarnessException(dir.resolve(m.marker()) + " has no shard: it was not run with --shard k/n.");
      }
      Shard s;
      try {
        s = Shard.parse(text);
      } catch (HarnessException e) {
        throw new HarnessException(dir.resolve(m.marker()) + " says shard '" + text + "', which is not k/n.");
      }
      if (shard != null && !shard.equals(s)) {
        throw new HarnessException(dir + " mixes shards: its " + from + " is shard " + shard + " but its " + m.marker() + " is " + s + ".");
      }
      shard = s;
      from = m.marker();
    }
    return shard;
  }

  /** One n, each k once, none missing. */
  private static void checkSet(List<Part> parts) {
    int n = parts.get(0).shard().n();
    Map<Integer, Path> byK = new TreeMap<>();
    for (Part p : parts) {
      if (p.shard().n() != n) {
        throw new HarnessException(parts.get(0).dir() + " is shard " + parts.get(0).shard() + " but " + p.dir() + " is shard " + p.shard()
            + ": the shards of one run are parts of the same n.");
      }
      Path twice = byK.put(p.shard().k(), p.dir());
      if (twice != null) {
        throw new HarnessException("shard " + p.shard() + " is given twice: " + twice + " and " + p.dir() + ".");
      }
    }
    List<String> missing = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      if (!byK.containsKey(k)) {
        missing.add(k + "/" + n);
      }
    }
    if (missing.size() == 1) {
      throw new HarnessException("shard " + missing.get(0) + " is missing.");
    }
    if (!missing.isEmpty()) {
      throw new HarnessException("shards " + String.join(", ", missing) + " are missing.");
    }
  }

  /** The first field in which two settings objects differ, as words; null when they are equal. */
  static String difference(ObjectNode a, ObjectNode b) {
    Set<String> names = new LinkedHashSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    for (String f : names) {
      JsonNode x = a.path(f);
      JsonNode y = b.path(f);
      if (!x.equals(y)) {
        return f + " is " + brief(x) + " in one and " + brief(y) + " in the other";
      }
    }
    return null;
  }

  private static String brief(JsonNode n) {
    String s = n.isMissingNode() ? "absent" : n.isTextual() ? n.asText() : n.toString();
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }

  /** The JSON files of a run directory, by name ({@code jmh.json} too). */
  private static Map<String, JsonNode> load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new HarnessException(dir + " is not a directory; give the run directories of the shards.");
    }
    Map<String, JsonNode> files = new LinkedHashMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.filter(f -> f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().startsWith("."))
          .sorted().toList()) {
        files.put(f.getFileName().toString(), JSON.readTree(f.toFile()));
      }
    } catch (IOException e) {
      throw new HarnessException("Cannot read the run directory " + dir + " (" + e.getMessage() + ").");
    }
    return files;
  }
}
