package io.redisrace.loader;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.client.ClientMode;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * Every variant with every client mode, no faults, on Redis 2.8 and 7.0: each row once, every chunk
 * marked, no lock left behind. A new variant is tested here as soon as it is registered.
 */
class LoaderIntegrationTests {
  static Path work;
  static SourceTable source;
  static RedisServer redis28;
  static RedisServer redis70;

  @BeforeAll
  static void start() {
    work = HarnessDirs.newWorkDir("loader-it-");
    Path db = SourceTable.generateSqlite(work.resolve("rows.db"), "rows", 95);
    source = SourceTable.open(SourceTable.sqliteUrl(db), "rows");
    redis28 = RedisServer.start("2.8");
    redis70 = RedisServer.start("7.0");
  }

  @AfterAll
  static void stop() {
    source.close();
    redis28.close();
    redis70.close();
    HarnessDirs.deleteTree(work);
  }

  static List<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String server : List.of("2.8", "7.0")) {
      for (LoaderVariant v : LoaderVariants.all()) {
        for (ClientMode c : ClientMode.values()) {
          out.add(Arguments.of(server, v.id(), c));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("cases")
  void loadsEveryRowOnce(String server, String variantId, ClientMode client) {
    LoaderVariant variant = LoaderVariants.parse(variantId);
    RedisServer redis = server.equals("2.8") ? redis28 : redis70;
    LoaderKeys keys = new LoaderKeys("it-" + server + "-" + variant.id() + "-" + client.id());
    LoaderSettings s = new LoaderSettings(redis.host(), redis.port(), client, variant, source.url(), "rows", 10, keys, 3,
        Duration.ofSeconds(5), 0);
    Loader.Result r = new Loader(s, source, StepHold.NONE).run();
    assertThat(r.committed()).isEqualTo(10);
    assertThat(r.rows()).isEqualTo(95);
    try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
      List<String> list = jedis.lrange(keys.list(), 0, -1);
      Set<Long> ids = new HashSet<>();
      list.forEach(e -> ids.add(SourceTable.idOf(e)));
      assertThat(list).hasSize(95);
      assertThat(ids).hasSize(95);
      if (variant.marksChunks()) {
        assertThat(jedis.bitcount(keys.done())).isEqualTo(10);
        // A second run finds every chunk marked and writes nothing.
        Loader.Result again = new Loader(s, source, StepHold.NONE).run();
        assertThat(again.committed()).isZero();
        assertThat(jedis.llen(keys.list())).isEqualTo(95);
      }
      assertThat(jedis.clientList()).doesNotContain(keys.lockName(0));
      assertThat(jedis.keys(keys.prefix() + ":lock:*")).as("locks left behind").isEmpty();
    }
  }
}
