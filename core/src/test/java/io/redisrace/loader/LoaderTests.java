package io.redisrace.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoaderTests {
  @Test
  void elementsCarryTheirRowId() {
    assertThat(SourceTable.element(42, "row-42")).isEqualTo("42:row-42");
    assertThat(SourceTable.idOf("42:row-42")).isEqualTo(42);
    assertThat(SourceTable.idOf("42:a:b")).isEqualTo(42);
    assertThat(SourceTable.idOf("garbage")).isEqualTo(-1);
    assertThat(SourceTable.idOf(":x")).isEqualTo(-1);
  }

  @Test
  void clientListNamesAreMatchedExactly() {
    String list = "id=3 addr=127.0.0.1:5 fd=8 name=load.chunk_1 age=0 idle=0\n"
        + "id=4 addr=127.0.0.1:6 fd=9 name=load.chunk_10 age=0 idle=0\n";
    assertThat(ChunkStore.listHasName(list, "load.chunk_1")).isTrue();
    assertThat(ChunkStore.listHasName(list, "load.chunk_10")).isTrue();
    assertThat(ChunkStore.listHasName(list, "load.chunk_2")).isFalse();
    assertThat(ChunkStore.listHasName("id=3 name=load.chunk_7", "load.chunk_7")).isTrue();
  }

  @Test
  void keysAndLockNames() {
    LoaderKeys k = new LoaderKeys("r1-t3");
    assertThat(k.list()).isEqualTo("r1-t3:list");
    assertThat(k.done()).isEqualTo("r1-t3:done");
    assertThat(k.lockName(7)).isEqualTo("r1-t3.chunk_7");
    assertThatThrownBy(() -> new LoaderKeys("has space")).isInstanceOf(HarnessException.class)
        .hasMessageEndingWith(".");
  }

  /** On a cluster the list and the bitmap share the hash tag's slot; a cluster redirect (nothing ran) is told from other errors. */
  @Test
  void taggedKeysShareOneSlot_redirectsAreRecognised() {
    LoaderKeys k = LoaderKeys.tagged("{redis-race}", "r1-t3");
    assertThat(k.list()).isEqualTo("{redis-race}:r1-t3:list");
    assertThat(redis.clients.jedis.util.JedisClusterCRC16.getSlot(k.list()))
        .isEqualTo(redis.clients.jedis.util.JedisClusterCRC16.getSlot(k.done())).isEqualTo(5999);
    assertThatThrownBy(() -> new LoaderKeys("{a}{b}x")).isInstanceOf(HarnessException.class).hasMessageContaining("hash tag");
    assertThat(ChunkStore.isRedirect(new RuntimeException("MOVED 5999 127.0.0.1:7001"))).isTrue();
    assertThat(ChunkStore.isRedirect(new RuntimeException("ASK 5999 127.0.0.1:7001"))).isTrue();
    assertThat(ChunkStore.isRedirect(new RuntimeException("TRYAGAIN Multiple keys request during rehashing of slot"))).isTrue();
    assertThat(ChunkStore.isRedirect(new RuntimeException("EXECABORT Transaction discarded because of previous errors."))).isTrue();
    assertThat(ChunkStore.isRedirect(new RuntimeException("Read timed out"))).isFalse();
    io.redisrace.topology.ClusterAddresses a = io.redisrace.topology.ClusterAddresses.parse("127.0.0.1:7002, 127.0.0.1:7001",
        "127.0.0.1:8001=127.0.0.1:7001");
    assertThat(a.seedsText()).isEqualTo("127.0.0.1:7001,127.0.0.1:7002");
    assertThat(io.redisrace.topology.ClusterAddresses.parse(a.seedsText(), a.mapText())).isEqualTo(a);
    assertThatThrownBy(() -> io.redisrace.topology.ClusterAddresses.parse("7001", null)).isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("--cluster takes HOST:PORT addresses");
  }

  @Test
  void eventsAreFlatJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", "rows-read");
    m.put("chunk", 3);
    m.put("applied", true);
    m.put("error", "a \"b\"\n");
    assertThat(ControlChannel.json(m)).isEqualTo("{\"step\":\"rows-read\",\"chunk\":3,\"applied\":true,\"error\":\"a \\\"b\\\"\\n\"}");
  }

  @Test
  void variantsAndStepsByName() {
    assertThat(LoaderVariants.parse("client-name-lock")).isInstanceOf(ClientNameLockVariant.class);
    assertThat(LoaderVariants.parse("client-name-lock")).isSameAs(LoaderVariants.parse("client-name-lock"));
    assertThat(LoaderVariants.parse("plain").marksChunks()).isFalse();
    assertThatThrownBy(() -> LoaderVariants.parse("nope")).hasMessage(
        "Unknown loader variant 'nope'; use one of plain, bitmap, client-name-lock, fenced, lease-lock, fenced-wait.");
    assertThat(Step.byId("commit-sending")).contains(Step.COMMIT_SENDING);
  }

  @Test
  void variantOptionsAreCheckedAgainstTheVariant() {
    LoaderKeys k = new LoaderKeys("opt");
    assertThatThrownBy(() -> new LoaderSettings("h", 1, io.redisrace.client.ClientMode.JEDIS, LoaderVariants.parse("fenced"), "u", "t",
        10, k, 0, java.time.Duration.ofSeconds(1), 0, Map.of("lease-ms", "300")))
        .hasMessage("Loader variant fenced has no option 'lease-ms'; it takes none.");
    LoaderSettings lease = new LoaderSettings("h", 1, io.redisrace.client.ClientMode.JEDIS, LoaderVariants.parse("lease-lock"), "u",
        "t", 10, k, 0, java.time.Duration.ofSeconds(1), 0, Map.of("lease-ms", "300"));
    assertThat(LeaseLockVariant.leaseMs(lease)).isEqualTo(300);
    assertThat(lease.variant().passes(lease)).isEqualTo(Loader.MAX_PASSES);
  }
}
