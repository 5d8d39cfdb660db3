package io.redisrace.docker;

import io.redisrace.server.Backend;
import io.redisrace.server.RedisServer;
import io.redisrace.server.ServerSpec;
import io.redisrace.toxi.ToxiproxyServer;

/**
 * A run that fails the way a broken test does: it starts a Redis container and a Toxiproxy
 * container, prints their ids' owner ("up"), and then an assertion error escapes main with both
 * still open (no close, no try-with-resources). {@link DockerLeakIntegrationTests} runs it in its
 * own JVM and checks that the JVM's exit removed both containers.
 */
public final class FailingDockerRun {
  private FailingDockerRun() {}

  public static void main(String[] args) {
    RedisServer redis = RedisServer.builder(ServerSpec.parse("2.8")).withBackend(Backend.DOCKER).start();
    ToxiproxyServer toxiproxy = ToxiproxyServer.start(Backend.DOCKER);
    toxiproxy.proxy("failing", redis);
    System.out.println("up");
    System.out.flush();
    throw new AssertionError("expected the counter to be 2 but was 1 (a test failing with its containers open)");
  }
}
