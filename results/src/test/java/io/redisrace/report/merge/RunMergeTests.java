package io.redisrace.report.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisrace.HarnessException;
import io.redisrace.process.RunDir;
import io.redisrace.stats.RateEstimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging the shards of one run: small planted atlas.json, chaos.json and benchmark runs, and every refusal. */
class RunMergeTests {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  Path dir(String name, String file, String json) throws Exception {
    Path d = Files.createDirectories(tmp.resolve(name));
    Files.writeString(d.resolve(file), json.replace('\'', '"'));
    return d;
  }

  static String atlas(String shard, long perCellMs, double wall, String versions) {
    return "{'schema':'redis-race/atlas/v1','started':'2026-12-02T03:0" + shard.charAt(0) + ":00Z','wallSeconds':" + wall
        + ",'client':'jedis','perCellMs':" + perCellMs + ",'ttlMs':1,'threads':2,'keys':1,'triggerTtlMs':100,'variants':['lua'],"
        + "'versions':[" + versions + "],'skipped':{},'shard':'" + shard + "','shardOf':['2.8.19','6.2.11','7.0.15']}";
  }

  static String version(String id, long ops, long ttlLess) {
    return "{'id':'" + id + "','info':'" + id + "','cells':[{'variant':'lua','ops':" + ops + ",'ttlLess':" + ttlLess
        + ",'errors':0}],'trigger':{'runs':3,'ttlLess':0,'expiredInFlight':0}}";
  }

  Path atlasShard(String name, String shard, long perCellMs, String versions) throws Exception {
    return dir(name, RunDir.ATLAS, atlas(shard, perCellMs, shard.startsWith("1") ? 40.5 : 31.0, versions));
  }

  @Test
  void theAtlasShardsJoinInTheOrderOfTheVersionListThatWasSharded() throws Exception {
    Path one = atlasShard("one", "1/2", 3000, version("2.8.19", 100, 0) + "," + version("7.0.15", 300, 0));
    Path two = atlasShard("two", "2/2", 3000, version("6.2.11", 200, 0));
    RunMerge.Result r = RunMerge.merge(tmp.resolve("merged"), List.of(two, one));
    assertThat(r.kinds()).containsExactly("atlas");
    assertThat(r.shards()).isEqualTo(2);
    JsonNode merged = JSON.readTree(tmp.resolve("merged").resolve(RunDir.ATLAS).toFile());
    assertThat(merged.path("versions")).extracting(v -> v.path("id").asText()).containsExactly("2.8.19", "6.2.11", "7.0.15");
    assertThat(merged.path("versions").get(1).path("cells").get(0).path("ops").asLong()).isEqualTo(200);
    assertThat(merged.has("shard")).isFalse();
    assertThat(merged.path("shards").asInt()).isEqualTo(2);
    assertThat(merged.path("wallSeconds").asDouble()).isEqualTo(40.5);
    assertThat(merged.path("started").asText()).isEqualTo("2026-12-02T03:01:00Z");
    assertThat(merged.path("perCellMs").asLong()).isEqualTo(3000);
  }

  @Test
  void anIncompleteOverlappingOrMixedSetIsRefusedWithOneSentence() throws Exception {
    Path one = atlasShard("one", "1/3", 3000, version("2.8.19", 100, 0));
    Path two = atlasShard("two", "2/3", 3000, version("6.2.11", 100, 0));
    Path three = atlasShard("three", "3/3", 3000, version("7.0.15", 100, 0));
    Path twoAgain = atlasShard("two-again", "2/3", 3000, version("6.2.11", 100, 0));
    Path ofTwo = atlasShard("of-two", "2/2", 3000, version("6.2.11", 100, 0));
    Path slower = atlasShard("slower", "3/3", 1000, version("7.0.15", 100, 0));
    Path whole = dir("whole", RunDir.ATLAS, atlas("1/3", 3000, 1, version("2.8.19", 1, 0)).replace(",'shard':'1/3'", ""));
    Path merged = tmp.resolve("merged");
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(one, three))).isInstanceOf(HarnessException.class)
        .hasMessage("shard 2/3 is missing.");
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(one))).hasMessage("shards 2/3, 3/3 are missing.");
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(one, two, twoAgain, three)))
        .hasMessage("shard 2/3 is given twice: " + two + " and " + twoAgain + ".");
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(one, ofTwo, three)))
        .hasMessage(one + " is shard 1/3 but " + ofTwo + " is shard 2/2: the shards of one run are parts of the same n.");
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(one, two, slower)))
        .hasMessage(one + " and " + slower + " are not shards of one atlas: perCellMs is 3000 in one and 1000 in the other;"
            + " the shards of one run share its settings.");
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(whole, two, three)))
        .hasMessage(whole.resolve(RunDir.ATLAS) + " has no shard: it was not run with --shard k/n.");
    Path chaosOnly = dir("chaos-only", RunDir.CHAOS, chaos("3/3", "[]", "[]"));
    assertThatThrownBy(() -> RunMerge.merge(merged, List.of(one, two, chaosOnly))).hasMessageContaining(" has no " + RunDir.ATLAS + " but ");
    assertThatThrownBy(() -> RunMerge.merge(one, List.of(one, two, three))).hasMessageContaining("is one of the shards");
    assertThat(merged).doesNotExist();
  }

  static String chaos(String shard, String cells, String trials) {
    return "{'schema':'redis-race/chaos/v1','mode':'quick','seed':7,'startedAt':'2026-12-02T03:00:0" + shard.charAt(0) + "Z',"
        + "'durationSeconds':" + (10 * shard.charAt(0) - 480) + ",'trialCount':0,'trialsPerMinute':0,"
        + "'server':{'id':'7.0','version':'7.0.15','backend':'embedded'},'toxiproxy':'toxiproxy 2.9.0 at 127.0.0.1:" + shard.charAt(0)
        + "','settings':{'rows':60,'chunkSize':20},'source':'sqlite','harnessErrors':1,'shard':'" + shard + "','cells':" + cells
        + ",'trials':" + trials + "}";
  }

  static String cell(String variant, String fault, int trials, int withDuplication, long chunks, long dup) {
    return "{'variant':'" + variant + "','fault':'" + fault + "','column':'" + fault + "','loaders':2,'rows':60,'chunkSize':20,'trials':"
        + trials + ",'withLoss':0,'withDuplication':" + withDuplication + ",'invalid':0,'faultNotApplied':0,'expectedUnsafe':false,"
        + "'chunks':" + chunks + ",'duplicatedChunks':" + dup + ",'duplicatedPer1000':0,'duplicatedPer1000Low':0,'duplicatedPer1000High':0}";
  }

  static String trial(int index, String variant, String fault) {
    return "{'index':" + index + ",'variant':'" + variant + "','fault':'" + fault + "','loaders':2,'rows':60,'chunkSize':20}";
  }

  @Test
  void theChaosShardsJoinTrialsByIndexAndSumEachCellWithItsRateComputedAgain() throws Exception {
    Path one = dir("one", RunDir.CHAOS, chaos("1/2", "[" + cell("bitmap", "none", 1, 0, 3, 0) + "," + cell("fenced", "kill", 1, 0, 3, 0)
        + "]", "[" + trial(0, "bitmap", "none") + "," + trial(2, "fenced", "kill") + "]"));
    Path two = dir("two", RunDir.CHAOS, chaos("2/2", "[" + cell("bitmap", "none", 1, 1, 3, 2) + "]", "[" + trial(1, "bitmap", "none") + "]"));
    RunMerge.Result r = RunMerge.merge(tmp.resolve("merged"), List.of(one, two));
    assertThat(r.kinds()).containsExactly("chaos matrix");
    JsonNode merged = JSON.readTree(tmp.resolve("merged").resolve(RunDir.CHAOS).toFile());
    assertThat(merged.path("trials")).extracting(t -> t.path("index").asInt()).containsExactly(0, 1, 2);
    assertThat(merged.path("trialCount").asInt()).isEqualTo(3);
    assertThat(merged.path("harnessErrors").asInt()).isEqualTo(2);
    assertThat(merged.path("durationSeconds").asDouble()).isEqualTo(20.0);
    assertThat(merged.path("trialsPerMinute").asDouble()).isEqualTo(9.0);
    assertThat(merged.has("shard")).isFalse();
    JsonNode bitmap = merged.path("cells").get(0);
    assertThat(merged.path("cells")).extracting(c -> c.path("variant").asText()).containsExactly("bitmap", "fenced");
    assertThat(bitmap.path("trials").asInt()).isEqualTo(2);
    assertThat(bitmap.path("withDuplication").asInt()).isEqualTo(1);
    assertThat(bitmap.path("chunks").asLong()).isEqualTo(6);
    assertThat(bitmap.path("duplicatedChunks").asLong()).isEqualTo(2);
    RateEstimate rate = RateEstimate.of(2, 6);
    assertThat(bitmap.path("duplicatedPer1000").asDouble()).isEqualTo(Math.round(rate.perMillion() / 10) / 100.0);
    assertThat(bitmap.path("duplicatedPer1000High").asDouble()).isEqualTo(Math.round(rate.highPerMillion() / 10) / 100.0);
    // Shards of another seed are shards of another schedule.
    Path otherSeed = dir("other", RunDir.CHAOS, chaos("2/2", "[]", "[]").replace("'seed':7", "'seed':8"));
    assertThatThrownBy(() -> RunMerge.merge(tmp.resolve("m2"), List.of(one, otherSeed)))
        .hasMessage(one + " and " + otherSeed + " are not shards of one chaos matrix: seed is 7 in one and 8 in the other;"
            + " the shards of one run share its settings.");
  }

  static String jmh(String server, double score) {
    return "{'benchmark':'io.redisrace.bench.CounterBenchmark.counter','mode':'thrpt','params':{'variant':'lua','server':'" + server
        + "'},'primaryMetric':{'score':" + score + "}}";
  }

  static final String PING = "{'benchmark':'io.redisrace.bench.PingBenchmark.ping','mode':'thrpt','params':{'server':'7.0'},"
      + "'primaryMetric':{'score':1}}";

  Path benchShard(String name, String shard, String jmh, boolean measured) throws Exception {
    Path d = dir(name, RunDir.JMH, jmh);
    Files.writeString(d.resolve(RunDir.RUN), ("{'mode':'quick','include':'.*','started':'2026-12-02T03:0" + shard.charAt(0) + ":00Z',"
        + "'finished':'2026-12-02T03:1" + shard.charAt(0) + ":00Z','wallSeconds':" + (shard.charAt(0) - '0') * 100
        + ",'environment':{'backend':'embedded','cpus':2},'skipped':[{'cell':'multi-heal 2.8','reason':'no PEXPIRE NX'}],"
        + "'failures':[],'shard':'" + shard + "','shardOfCells':3}").replace('\'', '"'));
    Files.writeString(d.resolve(RunDir.OVERHEAD), ("{'measured':" + measured + ",'reason':'x'}").replace('\'', '"'));
    return d;
  }

  @Test
  void theBenchmarkShardsJoinTheirCellsOnceEachAndKeepTheMeasuredOverhead() throws Exception {
    Path one = benchShard("one", "1/2", "[" + PING + "," + jmh("7.0", 10) + "," + jmh("6.2", 30) + "]", false);
    Path two = benchShard("two", "2/2", "[" + PING + "," + jmh("2.8", 20) + "]", true);
    RunMerge.Result r = RunMerge.merge(tmp.resolve("merged"), List.of(one, two));
    assertThat(r.kinds()).containsExactly("benchmark run");
    Path m = tmp.resolve("merged");
    JsonNode cells = JSON.readTree(m.resolve(RunDir.JMH).toFile());
    assertThat(cells).extracting(c -> c.path("params").path("server").asText() + " " + c.path("primaryMetric").path("score").asInt())
        .containsExactly("7.0 1", "7.0 10", "6.2 30", "2.8 20");
    ObjectNode run = (ObjectNode) JSON.readTree(m.resolve(RunDir.RUN).toFile());
    assertThat(run.has("shard")).isFalse();
    assertThat(run.path("shards").asInt()).isEqualTo(2);
    assertThat(run.path("wallSeconds").asLong()).isEqualTo(200);
    assertThat(run.path("started").asText()).isEqualTo("2026-12-02T03:01:00Z");
    assertThat(run.path("finished").asText()).isEqualTo("2026-12-02T03:12:00Z");
    assertThat(run.path("skipped")).hasSize(1);
    assertThat(JSON.readTree(m.resolve(RunDir.OVERHEAD).toFile()).path("measured").asBoolean()).isTrue();
  }
}
