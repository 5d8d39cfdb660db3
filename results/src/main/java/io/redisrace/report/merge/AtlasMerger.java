package io.redisrace.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import io.redisrace.process.Shard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The version atlas ({@code redis-race atlas --shard k/n}): versions in the order of the list that was sharded ({@code shardOf}). */
final class AtlasMerger implements ShardMerger {
  @Override
  public String name() {
    return "atlas";
  }

  @Override
  public String marker() {
    return RunDir.ATLAS;
  }

  @Override
  public ObjectNode settings(Map<String, JsonNode> files) {
    return ShardMerger.without(files.get(RunDir.ATLAS), "started", "wallSeconds", "versions", "skipped", Shard.FIELD);
  }

  @Override
  public Map<String, JsonNode> merge(List<Map<String, JsonNode>> shards) {
    List<JsonNode> docs = shards.stream().map(f -> f.get(RunDir.ATLAS)).toList();
    ObjectNode merged = ShardMerger.without(docs.get(0), Shard.FIELD);
    List<String> order = new ArrayList<>();
    docs.get(0).path("shardOf").forEach(id -> order.add(id.asText()));
    List<JsonNode> versions = new ArrayList<>();
    ObjectNode skipped = merged.putObject("skipped");
    ArrayNode walls = RunMerge.JSON.createArrayNode();
    for (JsonNode d : docs) {
      d.path("versions").forEach(versions::add);
      d.path("skipped").fields().forEachRemaining(e -> skipped.set(e.getKey(), e.getValue()));
      walls.add(d.path("wallSeconds").asDouble());
      if (d.path("started").asText().compareTo(merged.path("started").asText()) < 0) {
        merged.put("started", d.path("started").asText());
      }
    }
    versions.sort(Comparator.comparingInt(v -> order.indexOf(v.path("id").asText())));
    merged.putArray("versions").addAll(versions);
    // The shards ran side by side: the run took as long as its slowest shard.
    double wall = 0;
    for (JsonNode w : walls) {
      wall = Math.max(wall, w.asDouble());
    }
    merged.put("wallSeconds", wall);
    merged.put("shards", docs.size());
    merged.set("shardWallSeconds", walls);
    ObjectNode ordered = RunMerge.JSON.createObjectNode();
    docs.get(0).fieldNames().forEachRemaining(n -> {
      if (merged.has(n)) {
        ordered.set(n, merged.get(n));
      }
    });
    ordered.setAll(merged);
    return Map.of(RunDir.ATLAS, ordered);
  }
}
