package io.redisrace.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.redisrace.client.ClientMode;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Response;
import redis.clients.jedis.Transaction;
import redis.clients.jedis.params.SetParams;

/**
 * The deterministic trigger (docs/architecture.md), no luck needed: a key with 100 ms to live, then
 * {@code MULTI; SET k 0 NX PX 60000; EVAL <busy 300 ms>; INCR k; PTTL k; EXEC}. The first
 * {@code SET k 0 PX 100} is queued in the same MULTI, so it runs at EXEC time: however slow the
 * client or the machine, the key cannot expire before the transaction starts. SET finds the key
 * alive and does nothing; the busy script lets the clock pass its expiry; INCR then finds it
 * expired on servers whose EXEC does not freeze the clock (2.8 up to 6.2.4) and re-creates it
 * without a TTL. From 6.2.5 EXEC reads the clock once, INCR increments the live key. The script
 * form reads one clock for the whole operation on every version: queued after the busy script it
 * creates a fresh key with its TTL.
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Dit.test=ExecExpiryTriggerIntegrationTests}
 */
class ExecExpiryTriggerIntegrationTests {
  static final int REPEATS = 3;
  static final long SHORT_TTL_MS = 100;
  static final long BUSY_MS = 300;

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "REDIS_6_2", "REDIS_7_0"})
  void multiLeavesATtlLessKeyExactlyWhereExecDoesNotFreezeTheClock_jedis(ServerKind kind) {
    RedisServer redis = SharedServers.redis(kind);
    boolean racy = redis.version().expiresInsideExec();
    assertThat(racy).isEqualTo(kind == ServerKind.REDIS_2_8);
    try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
      for (int i = 0; i < REPEATS; i++) {
        String key = "trigger:multi:" + UUID.randomUUID();
        Transaction tx = jedis.multi();
        tx.set(key, "0", SetParams.setParams().px(SHORT_TTL_MS));
        tx.set(key, "0", SetParams.setParams().nx().px(60_000));
        tx.eval(Scripts.BUSY, 0, Long.toString(BUSY_MS));
        Response<Long> value = tx.incr(key);
        Response<Long> pttl = tx.pttl(key);
        tx.exec();
        assertTrigger(kind, racy, value.get(), pttl.get(), jedis.pttl(key));
        jedis.del(key);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "REDIS_6_2", "REDIS_7_0"})
  void multiLeavesATtlLessKeyExactlyWhereExecDoesNotFreezeTheClock_lettuce(ServerKind kind) {
    RedisServer redis = SharedServers.redis(kind);
    boolean racy = redis.version().expiresInsideExec();
    RedisClient client = ClientMode.LETTUCE.lettuceClient(redis.host(), redis.port());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> r = connection.sync();
      for (int i = 0; i < REPEATS; i++) {
        String key = "trigger:multi-lettuce:" + UUID.randomUUID();
        r.multi();
        r.set(key, "0", SetArgs.Builder.px(SHORT_TTL_MS));
        r.set(key, "0", SetArgs.Builder.nx().px(60_000));
        r.eval(Scripts.BUSY, ScriptOutputType.INTEGER, new String[0], Long.toString(BUSY_MS));
        r.incr(key);
        r.pttl(key);
        TransactionResult result = r.exec();
        assertTrigger(kind, racy, result.get(3), result.get(4), r.pttl(key));
        r.del(key);
      }
    } finally {
      client.shutdown();
    }
  }

  private static void assertTrigger(ServerKind kind, boolean racy, long value, long pttlInExec, long pttlAfter) {
    if (racy) {
      assertThat(value).as("INCR re-created the expired key on %s", kind).isEqualTo(1);
      assertThat(pttlInExec).as("PTTL inside EXEC on %s: TTL-less", kind).isEqualTo(-1);
      assertThat(pttlAfter).as("the key lives forever on %s", kind).isEqualTo(-1);
    } else {
      assertThat(value).as("INCR saw the live key on %s", kind).isEqualTo(1);
      // Before 7.2 PTTL inside EXEC reads the live clock: 0 means "expired", never -1.
      assertThat(pttlInExec).as("PTTL inside EXEC on %s", kind).isNotEqualTo(-1).isGreaterThanOrEqualTo(0);
      assertThat(pttlAfter).as("after EXEC on %s the key is gone, not TTL-less", kind).isEqualTo(-2);
    }
  }

  @ParameterizedTest
  @EnumSource(value = ServerKind.class, names = {"REDIS_2_8", "REDIS_6_2", "REDIS_7_0"})
  void luaNeverLeavesATtlLessKey(ServerKind kind) {
    RedisServer redis = SharedServers.redis(kind);
    try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
      String sha = jedis.scriptLoad(Scripts.COUNTER);
      for (int i = 0; i < REPEATS; i++) {
        String key = "trigger:lua:" + UUID.randomUUID();
        Transaction tx = jedis.multi();
        tx.set(key, "0", SetParams.setParams().px(SHORT_TTL_MS));
        tx.eval(Scripts.BUSY, 0, Long.toString(BUSY_MS));
        Response<Object> reply = tx.evalsha(sha, List.of(key), List.of("60000"));
        tx.exec();
        List<?> valueAndPttl = (List<?>) reply.get();
        assertThat((Long) valueAndPttl.get(1)).as("PTTL in the script on %s", kind).isNotEqualTo(-1L);
        assertThat(jedis.pttl(key)).as("TTL left on the key on %s", kind).isNotEqualTo(-1L);
        jedis.del(key);
      }
    }
  }
}
