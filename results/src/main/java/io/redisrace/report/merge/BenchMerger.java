package io.redisrace.report.merge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.process.RunDir;
import io.redisrace.process.Shard;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark run ({@code BenchRunner --shard k/n}, {@code mvn verify -Pbench -Dbench.shard=k/n}):
 * {@code jmh.json} is the union of the shards' cells (a PING calibration cell that two shards both
 * ran is kept once, the first shard's), {@code run.json} the first shard's with the times, skipped
 * cells and failures of all, {@code overhead.json} the one shard that measured it. Each shard
 * normalises by its own PING only when it ran on its own machine: on CI runners the merged run is
 * for the correctness verdicts; throughput is gated A/B within a job.
 */
final class BenchMerger implements ShardMerger {
  @Override
  public String name() {
    return "benchmark run";
  }

  @Override
  public String marker() {
    return RunDir.RUN;
  }

  @Override
  public ObjectNode settings(Map<String, JsonNode> files) {
    JsonNode run = files.get(RunDir.RUN);
    ObjectNode s = RunMerge.JSON.createObjectNode();
    for (String f : List.of("mode", "include", "shardOfCells")) {
      s.set(f, run.path(f));
    }
    s.set("backend", run.path("environment").path("backend"));
    return s;
  }

  @Override
  public Map<String, JsonNode> merge(List<Map<String, JsonNode>> shards) {
    ArrayNode jmh = RunMerge.JSON.createArrayNode();
    Set<String> seen = new HashSet<>();
    ObjectNode run = ShardMerger.without(shards.get(0).get(RunDir.RUN), Shard.FIELD);
    ArrayNode skipped = run.putArray("skipped");
    Set<String> skippedSeen = new HashSet<>();
    ArrayNode failures = run.putArray("failures");
    JsonNode overhead = null;
    long wall = 0;
    for (Map<String, JsonNode> files : shards) {
      for (JsonNode r : files.getOrDefault(RunDir.JMH, RunMerge.JSON.createArrayNode())) {
        if (seen.add(r.path("benchmark").asText() + " " + r.path("mode").asText() + " " + r.path("params"))) {
          jmh.add(r);
        }
      }
      JsonNode info = files.get(RunDir.RUN);
      info.path("skipped").forEach(s -> {
        if (skippedSeen.add(s.path("cell").asText())) {
          skipped.add(s);
        }
      });
      info.path("failures").forEach(failures::add);
      wall = Math.max(wall, info.path("wallSeconds").asLong());
      if (info.path("started").asText().compareTo(run.path("started").asText()) < 0) {
        run.put("started", info.path("started").asText());
      }
      if (info.path("finished").asText().compareTo(run.path("finished").asText()) > 0) {
        run.put("finished", info.path("finished").asText());
      }
      JsonNode o = files.get(RunDir.OVERHEAD);
      if (o != null && (overhead == null || !overhead.path("measured").asBoolean() && o.path("measured").asBoolean())) {
        overhead = o;
      }
    }
    run.put("wallSeconds", wall);
    run.put("shards", shards.size());
    return overhead == null ? Map.of(RunDir.JMH, jmh, RunDir.RUN, run) : Map.of(RunDir.JMH, jmh, RunDir.RUN, run, RunDir.OVERHEAD, overhead);
  }
}
