package io.redisrace.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.loader.Step;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The black-box loader's contract as data: its environment, its replay flags, the text control protocol. */
class CommandLoaderTests {
  static final CommandLoader STEP3 = new CommandLoader("py-step3", "python3 seed_step3.py",
      List.of(Step.BIT_CHECKED, Step.LOCK_TAKEN, Step.ROWS_READ), true);

  @Test
  void theEnvironmentNamesRedisTheSourceTheKeysAndTheControlSocket() {
    LoaderSpec spec = new LoaderSpec("127.0.0.1", 4242, STEP3, ClientMode.JEDIS_RETRY,
        new Workload("jdbc:sqlite:/tmp/rows-60.db", "rows", 60, 20), "r1-t3", 2, 1500);
    Map<String, String> env = STEP3.env(spec, "r1-t3.A", "A", "127.0.0.1:9999");
    assertThat(env).containsEntry("REDIS_RACE_REDIS", "127.0.0.1:4242").containsEntry("REDIS_RACE_SOURCE_KIND", "sqlite")
        .containsEntry("REDIS_RACE_SOURCE_PATH", "/tmp/rows-60.db").containsEntry("REDIS_RACE_TABLE", "rows")
        .containsEntry("REDIS_RACE_CHUNK_SIZE", "20").containsEntry("REDIS_RACE_LIST_KEY", "r1-t3:list")
        .containsEntry("REDIS_RACE_DONE_KEY", "r1-t3:done").containsEntry("REDIS_RACE_LOCK_PREFIX", "r1-t3.")
        .containsEntry("REDIS_RACE_START_CHUNK", "2").containsEntry("REDIS_RACE_CLIENT", "jedis-retry")
        .containsEntry("REDIS_RACE_LOADER_NAME", "py-step3").containsEntry("REDIS_RACE_LOADER_ID", "r1-t3.A")
        .containsEntry("REDIS_RACE_CONTROL", "127.0.0.1:9999");
    CommandLoader blind = new CommandLoader("blind", "./load", List.of(), true);
    assertThat(blind.env(spec.at("h", 1), "x", "B", "127.0.0.1:9999")).doesNotContainKey("REDIS_RACE_CONTROL");
    Workload pg = new Workload("jdbc:postgresql://127.0.0.1:5432/db?user=u", "rows", 60, 20);
    assertThat(blind.env(new LoaderSpec("h", 1, blind, ClientMode.JEDIS, pg, "p", 0, 1), "x", "A", null))
        .containsEntry("REDIS_RACE_SOURCE_KIND", "postgresql").containsEntry("REDIS_RACE_SOURCE_DSN", "postgresql://127.0.0.1:5432/db?user=u")
        .containsEntry("REDIS_RACE_SOURCE_HOST", "127.0.0.1").containsEntry("REDIS_RACE_SOURCE_PORT", "5432")
        .containsEntry("REDIS_RACE_SOURCE_DATABASE", "db").containsEntry("REDIS_RACE_SOURCE_USER", "u")
        .doesNotContainKey("REDIS_RACE_SOURCE_PASSWORD");
    Workload maria = new Workload("jdbc:mariadb://db.example:3307/race?user=root&password=p%40ss&connectTimeout=5000", "rows_60", 60, 20);
    assertThat(blind.env(new LoaderSpec("h", 1, blind, ClientMode.JEDIS, maria, "p", 0, 1), "x", "A", null))
        .containsEntry("REDIS_RACE_SOURCE_KIND", "mariadb").containsEntry("REDIS_RACE_SOURCE_HOST", "db.example")
        .containsEntry("REDIS_RACE_SOURCE_PORT", "3307").containsEntry("REDIS_RACE_SOURCE_DATABASE", "race")
        .containsEntry("REDIS_RACE_SOURCE_USER", "root").containsEntry("REDIS_RACE_SOURCE_PASSWORD", "p@ss");
    assertThat(STEP3.env(spec, "r1-t3.A", "A", null)).doesNotContainKey("REDIS_RACE_SOURCE_HOST");
  }

  /** On a cluster: the keys carry the hash tag, and the loader is told the seeds and the node map (env and LoaderMain flags). */
  @Test
  void onAClusterTheKeysShareTheTagsSlotAndTheLoaderGetsTheSeedsAndTheNodeMap() {
    io.redisrace.topology.ClusterAddresses c = io.redisrace.topology.ClusterAddresses.parse("127.0.0.1:7001,127.0.0.1:7002",
        "127.0.0.1:8001=127.0.0.1:7001");
    LoaderSpec spec = new LoaderSpec("127.0.0.1", 7001, STEP3, ClientMode.JEDIS_RETRY, new Workload("jdbc:sqlite:/tmp/rows-60.db", "rows", 60, 20),
        io.redisrace.loader.LoaderKeys.tagged("{redis-race}", "r1-t3").prefix(), 0, 1500).via(c);
    assertThat(STEP3.env(spec, "r1-t3.A", "A", null)).containsEntry("REDIS_RACE_CLUSTER", "127.0.0.1:7001,127.0.0.1:7002")
        .containsEntry("REDIS_RACE_NODE_MAP", "127.0.0.1:8001=127.0.0.1:7001").containsEntry("REDIS_RACE_LIST_KEY", "{redis-race}:r1-t3:list")
        .containsEntry("REDIS_RACE_DONE_KEY", "{redis-race}:r1-t3:done").doesNotContainKey("REDIS_RACE_SENTINELS");
    assertThat(redis.clients.jedis.util.JedisClusterCRC16.getSlot("{redis-race}:r1-t3:list"))
        .isEqualTo(redis.clients.jedis.util.JedisClusterCRC16.getSlot("{redis-race}:r1-t3:done")).isEqualTo(5999);
    LoaderSpec plain = new LoaderSpec("127.0.0.1", 7001, io.redisrace.loader.LoaderVariants.parse("plain"), ClientMode.JEDIS,
        spec.workload(), spec.keyPrefix(), 0, 1500).via(c);
    assertThat(String.join(" ", plain.args("A", null))).contains("--key {redis-race}:r1-t3")
        .contains("--cluster 127.0.0.1:7001,127.0.0.1:7002 --node-map 127.0.0.1:8001=127.0.0.1:7001");
    assertThat(plain.settings().cluster()).isEqualTo(c);
  }

  @Test
  void theReplayFlagsAndTheDefaultName() {
    assertThat(STEP3.flags()).isEqualTo(" --loader-cmd 'python3 seed_step3.py' --loader-name py-step3"
        + " --loader-steps bit-checked,lock-taken,rows-read");
    assertThat(new CommandLoader("x", "sh -c 'exit 1'", List.of(), false).flags()).contains("'sh -c '\\''exit 1'\\'''")
        .endsWith(" --loader-marks false");
    assertThat(CommandLoader.defaultName("python3 examples/loaders/python/seed_step3.py")).isEqualTo("seed_step3");
    assertThat(new CommandLoader("x", "/usr/bin/python3  /w/examples/loaders/python/seed_fenced.py --fast", List.of(), true).program())
        .as("the heat table's program column").isEqualTo("python3 seed_fenced.py --fast");
    assertThatThrownBy(() -> new CommandLoader("Bad Name", "x", List.of(), true)).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("--loader-name must be");
    assertThatThrownBy(() -> new CommandLoader("x", "x", List.of(Step.BIT_CHECKED), true))
        .hasMessageStartingWith("--loader-steps must end with rows-read");
  }

  @Test
  void theTextProtocolReadsHelloAndStepsAndRejectsTheRest() throws IOException {
    Event hello = TextEvents.parse("hello r1-t3.A 4242", null);
    assertThat(hello.loader()).isEqualTo("r1-t3.A");
    assertThat(hello.step()).isEqualTo(Step.HELLO);
    assertThat(hello.get("pid")).isEqualTo(4242L);
    Event acked = TextEvents.parse("step commit-acked 3 applied=true rows=20 name=r1.chunk_3", "r1-t3.A");
    assertThat(acked.is(Step.COMMIT_ACKED, 3)).isTrue();
    assertThat(acked.fields()).containsEntry("applied", true).containsEntry("rows", 20L).containsEntry("name", "r1.chunk_3")
        .containsEntry("loader", "r1-t3.A");
    assertThatThrownBy(() -> TextEvents.parse("step rows-read 1", null)).hasMessage("a step before the hello line");
    assertThatThrownBy(() -> TextEvents.parse("step teleported 1", "a")).hasMessage("unknown step 'teleported'");
    assertThatThrownBy(() -> TextEvents.parse("PROGRESS 50%", "a")).isInstanceOf(IOException.class);
    assertThat(TextEvents.clip("a\u0001b")).isEqualTo("a?b");
  }
}
