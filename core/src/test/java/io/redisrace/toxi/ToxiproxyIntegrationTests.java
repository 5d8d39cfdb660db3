package io.redisrace.toxi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.redisrace.client.ClientMode;
import io.redisrace.counter.BuiltInVariant;
import io.redisrace.counter.Counter;
import io.redisrace.counter.CounterDriver;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerKind;
import io.redisrace.testing.SharedServers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * The real Toxiproxy server in front of a real Redis: faults reach the clients, and heal.
 *
 * <p>HOW TO RUN: {@code mvn -pl core verify -Dit.test=ToxiproxyIntegrationTests}
 */
class ToxiproxyIntegrationTests {

  @Test
  void proxiesRedisOnLoopback() {
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    RedisServer redis = SharedServers.redis(ServerKind.REDIS_7_0);
    try (RedisProxy proxy = toxiproxy.proxy("plain", redis); Jedis jedis = ClientMode.jedis(proxy.host(), proxy.port())) {
      assertThat(toxiproxy.host()).isEqualTo("127.0.0.1");
      assertThat(proxy.host()).isEqualTo("127.0.0.1");
      assertThat(proxy.port()).isNotEqualTo(redis.port());
      assertThat(jedis.ping()).isEqualTo("PONG");
      assertThat(jedis.clientList()).as("the server sees the proxy as its client").contains("127.0.0.1");
    }
  }

  /**
   * Toxiproxy binds each proxy's port itself (listen port 0) and the harness connects to the port it
   * answered with. A port that the harness picked first could be taken by another process before
   * Toxiproxy bound it: the proxy then failed with "address already in use". Here a socket holds a
   * port the whole time, and 20 proxies all get ports of their own that answer.
   */
  @Test
  void proxiesListenOnThePortsToxiproxyBound() throws Exception {
    ToxiproxyServer toxiproxy = SharedServers.toxiproxy();
    RedisServer redis = SharedServers.redis(ServerKind.REDIS_7_0);
    List<RedisProxy> proxies = new ArrayList<>();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      for (int i = 0; i < 20; i++) {
        proxies.add(toxiproxy.proxy("bound", redis));
      }
      assertThat(proxies).extracting(RedisProxy::port).doesNotHaveDuplicates().doesNotContain(0, taken.getLocalPort(), redis.port());
      for (RedisProxy p : proxies) {
        try (Jedis jedis = ClientMode.jedis(p.host(), p.port())) {
          assertThat(jedis.ping()).isEqualTo("PONG");
        }
      }
    } finally {
      proxies.forEach(RedisProxy::close);
    }
  }

  /**
   * reset_peer (RST) breaks a live connection; once the toxic is removed, both clients work again:
   * Lettuce (default mode) by its own auto-reconnect, the other modes by opening a new connection
   * on the next operation (see CounterDriver.ReconnectingCounter).
   */
  @ParameterizedTest
  @EnumSource(ClientMode.class)
  void resetPeerBreaksALiveConnectionAndBothClientsRecoverAfterTheHeal(ClientMode mode) throws Exception {
    RedisServer redis = SharedServers.redis(ServerKind.REDIS_7_0);
    String key = "toxi:" + mode.id() + ":" + UUID.randomUUID();
    try (RedisProxy proxy = SharedServers.toxiproxy().proxy("reset-" + mode.id(), redis);
        CounterDriver driver = new CounterDriver(BuiltInVariant.LUA, mode, proxy.host(), proxy.port(), redis.version(), 600_000);
        Counter counter = driver.newCounter()) {
      assertThat(counter.increment(key).value()).isEqualTo(1);

      proxy.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
      assertThatThrownBy(() -> counter.increment(key)).as("the live connection is reset").isInstanceOf(RuntimeException.class);
      proxy.removeAllToxics();

      // Recovery: bounded wait for the client to be usable again (Lettuce backs off between reconnects).
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> counter.increment(key).value() >= 2);
      try (Jedis direct = ClientMode.jedis(redis.host(), redis.port())) {
        assertThat(Long.parseLong(direct.get(key))).as("the counter went on on the server").isGreaterThanOrEqualTo(2);
        direct.del(key);
      }
    }
  }

  /** latency adds at least its amount to a round trip (a lower bound: never an upper one). */
  @Test
  void latencyToxicSlowsARoundTripByAtLeastItsAmount() throws Exception {
    RedisServer redis = SharedServers.redis(ServerKind.REDIS_7_0);
    long latencyMs = 150;
    try (RedisProxy proxy = SharedServers.toxiproxy().proxy("latency", redis); Jedis jedis = ClientMode.jedis(proxy.host(), proxy.port())) {
      jedis.ping();
      proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, latencyMs);
      for (int i = 0; i < 3; i++) {
        long start = System.nanoTime();
        assertThat(jedis.ping()).isEqualTo("PONG");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(latencyMs));
      }
      proxy.removeAllToxics();
    }
  }
}
