package io.redisrace.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * How one kind of sharded run joins back into one: the file that marks it in a run directory
 * (whose {@code "shard": "k/n"} says which part it is), the settings every shard must share, and
 * the merge of the shards' files (given in shard order, 1/n first). {@link RunMerge#MERGERS} lists
 * the built-ins: the atlas, the chaos matrix and the benchmark run.
 */
public interface ShardMerger {
  /** What people call it in a sentence: "atlas", "chaos matrix", "benchmark run". */
  String name();

  /** The run-directory file that holds the {@code shard} field; its presence says this kind is there. */
  String marker();

  /** What every shard of one run must share, as one object (field by field in the refusal). */
  ObjectNode settings(Map<String, JsonNode> files);

  /** The merged files, by name, from every shard's files in shard order. */
  Map<String, JsonNode> merge(List<Map<String, JsonNode>> shards);

  /** A copy of {@code doc} without {@code fields}. */
  static ObjectNode without(JsonNode doc, String... fields) {
    ObjectNode copy = doc.deepCopy();
    copy.remove(List.of(fields));
    return copy;
  }
}
