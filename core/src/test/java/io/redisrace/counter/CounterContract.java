package io.redisrace.counter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import io.redisrace.client.ClientMode;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * What every counter variant must do, on every shipped server, with every client mode: n calls
 * inside the TTL give 1..n, the key keeps a TTL, and a variant that cannot run on a server refuses
 * with one sentence. Subclassed once per variant (Lettuce's contract-suite style); a user variant
 * gets the same suite by subclassing.
 */
abstract class CounterContract {

  static final long LONG_TTL_MS = 60_000;
  static final int CALLS = 25;
  /**
   * TTL of the expiry test: two calls must land inside it, also on a loaded 2-core machine with the
   * server in a container (50 ms was too short there for the three round trips of naive).
   */
  static final long SHORT_TTL_MS = 250;

  /** The variant under test. */
  abstract CounterVariant variant();

  static Stream<Arguments> serversAndClients() {
    List<Arguments> args = new ArrayList<>();
    for (ServerKind kind : ServerKind.shipped()) {
      for (ClientMode mode : ClientMode.values()) {
        args.add(Arguments.of(kind, mode));
      }
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("serversAndClients")
  void countsEachCallOnceAndKeepsTheTtl(ServerKind kind, ClientMode mode) {
    RedisServer redis = SharedServers.redis(kind);
    if (variant().unsupportedOn(redis.version()).isPresent()) {
      assertThatThrownBy(() -> new CounterDriver(variant(), mode, redis.host(), redis.port(), redis.version(), LONG_TTL_MS))
          .isInstanceOf(HarnessException.class)
          .hasMessageContaining(variant().id())
          .hasMessageContaining(redis.version().toString());
      return;
    }
    String key = "contract:" + variant().id() + ":" + UUID.randomUUID();
    try (CounterDriver driver = new CounterDriver(variant(), mode, redis.host(), redis.port(), redis.version(), LONG_TTL_MS);
        Counter counter = driver.newCounter();
        Jedis check = ClientMode.jedis(redis.host(), redis.port())) {
      for (int n = 1; n <= CALLS; n++) {
        Outcome o = counter.increment(key);
        assertThat(o.value()).as("value after call %d", n).isEqualTo(n);
        assertThat(o.created()).isEqualTo(n == 1);
        assertThat(o.pttl()).as("PTTL read in-band after call %d", n).isBetween(1L, LONG_TTL_MS);
        assertThat(o.ttlLess()).isFalse();
        assertThat(o.retries()).isZero();
      }
      assertThat(check.get(key)).isEqualTo(Integer.toString(CALLS));
      assertThat(check.pttl(key)).as("TTL left on the key").isBetween(1L, LONG_TTL_MS);
      check.del(key);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("serversAndClients")
  void startsOverWithATtlAfterTheKeyExpired(ServerKind kind, ClientMode mode) throws InterruptedException {
    RedisServer redis = SharedServers.redis(kind);
    if (variant().unsupportedOn(redis.version()).isPresent()) {
      return; // refusal is asserted above
    }
    String key = "contract-expiry:" + variant().id() + ":" + UUID.randomUUID();
    try (CounterDriver driver = new CounterDriver(variant(), mode, redis.host(), redis.port(), redis.version(), SHORT_TTL_MS);
        Counter counter = driver.newCounter()) {
      assertThat(counter.increment(key).value()).isEqualTo(1);
      Outcome second = counter.increment(key);
      // 2 inside the TTL; on a stalled machine (a loaded CI, a starved container) the key may already
      // have expired, and then the variant must have started over, with a TTL.
      assertThat(second.value()).as("second call, created=%s", second.created()).isEqualTo(second.created() ? 1 : 2);
      Thread.sleep(SHORT_TTL_MS + 100); // well past the TTL: the key is gone
      Outcome again = counter.increment(key);
      assertThat(again.created()).as("a new key after expiry").isTrue();
      assertThat(again.pttl()).isBetween(1L, SHORT_TTL_MS);
    }
  }
}
