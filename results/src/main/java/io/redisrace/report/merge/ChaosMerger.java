package io.redisrace.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import io.redisrace.process.Shard;
import io.redisrace.stats.RateEstimate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chaos matrix ({@code run --shard k/n}): every shard ran the trials of one schedule whose index
 * is its k mod n, so the merge is the union of the trials by index, and each heat-table cell the sum
 * of its shards' counts with its duplication rate (95% Wilson interval) computed again from the sums.
 */
final class ChaosMerger implements ShardMerger {
  private static final List<String> COUNTS = List.of("trials", "withLoss", "withDuplication", "invalid", "faultNotApplied", "chunks",
      "duplicatedChunks");

  @Override
  public String name() {
    return "chaos matrix";
  }

  @Override
  public String marker() {
    return RunDir.CHAOS;
  }

  @Override
  public ObjectNode settings(Map<String, JsonNode> files) {
    JsonNode doc = files.get(RunDir.CHAOS);
    ObjectNode s = RunMerge.JSON.createObjectNode();
    for (String f : List.of("schema", "mode", "seed", "settings", "source")) {
      s.set(f, doc.path(f));
    }
    s.set("server", ShardMerger.without(doc.path("server"), "backend"));
    return s;
  }

  @Override
  public Map<String, JsonNode> merge(List<Map<String, JsonNode>> shards) {
    List<JsonNode> docs = shards.stream().map(f -> f.get(RunDir.CHAOS)).toList();
    ObjectNode merged = ShardMerger.without(docs.get(0), Shard.FIELD);
    List<JsonNode> trials = new ArrayList<>();
    double seconds = 0;
    long errors = 0;
    for (JsonNode d : docs) {
      d.path("trials").forEach(trials::add);
      seconds = Math.max(seconds, d.path("durationSeconds").asDouble());
      errors += d.path("harnessErrors").asLong();
      if (d.path("startedAt").asText().compareTo(merged.path("startedAt").asText()) < 0) {
        merged.put("startedAt", d.path("startedAt").asText());
      }
    }
    trials.sort(Comparator.comparingLong(t -> t.path("index").asLong()));
    merged.put("durationSeconds", seconds);
    merged.put("trialCount", trials.size());
    merged.put("trialsPerMinute", seconds > 0 ? Math.round(trials.size() / (seconds / 60.0) * 10) / 10.0 : 0);
    if (merged.has("harnessErrors")) {
      merged.put("harnessErrors", errors);
    }
    merged.put("shards", docs.size());
    merged.set("cells", cells(docs, trials));
    merged.putArray("trials").addAll(trials);
    return Map.of(RunDir.CHAOS, merged);
  }

  /** The shards' cells summed per variant x column x shape, in the order of their first trial (as chaos.json orders them). */
  static ArrayNode cells(List<JsonNode> docs, List<JsonNode> sortedTrials) {
    Map<String, ObjectNode> byKey = new LinkedHashMap<>();
    for (JsonNode d : docs) {
      for (JsonNode c : d.path("cells")) {
        ObjectNode sum = byKey.get(key(c, c.path("fault").asText()));
        if (sum == null) {
          byKey.put(key(c, c.path("fault").asText()), c.deepCopy());
        } else {
          COUNTS.forEach(f -> sum.put(f, sum.path(f).asLong() + c.path(f).asLong()));
        }
      }
    }
    ArrayNode out = RunMerge.JSON.createArrayNode();
    for (JsonNode t : sortedTrials) {
      ObjectNode c = byKey.remove(key(t, t.path("fault").asText()));
      if (c != null) {
        RateEstimate rate = RateEstimate.of(c.path("duplicatedChunks").asLong(), c.path("chunks").asLong());
        c.put("duplicatedPer1000", per1000(rate.perMillion()));
        c.put("duplicatedPer1000Low", per1000(rate.lowPerMillion()));
        c.put("duplicatedPer1000High", per1000(rate.highPerMillion()));
        out.add(c);
      }
    }
    byKey.values().forEach(out::add);
    return out;
  }

  private static String key(JsonNode n, String fault) {
    return n.path("variant").asText() + "|" + fault + "|" + n.path("loaders").asInt() + "|" + n.path("rows").asLong() + "|"
        + n.path("chunkSize").asInt();
  }

  /** As chaos.json rounds it: per 1000 chunks, two decimals, 0 for no chunks. */
  private static double per1000(double perMillion) {
    return Double.isNaN(perMillion) ? 0 : Math.round(perMillion / 1000 * 100) / 100.0;
  }
}
