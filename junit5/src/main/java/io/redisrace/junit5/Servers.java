package io.redisrace.junit5;

import io.redisrace.server.RedisServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The servers of one test class, by server id, each started on first use (on the configured
 * backend, {@code -Dharness.backend}) and all stopped when JUnit closes the class's store.
 */
final class Servers implements ExtensionContext.Store.CloseableResource {
  private final Map<String, RedisServer> byId = new LinkedHashMap<>();

  /** The server of {@code id}, started now if this class has not used it yet. */
  synchronized RedisServer get(String id) {
    RedisServer server = byId.get(id);
    if (server == null) {
      server = RedisServer.start(id);
      byId.put(id, server);
    }
    return server;
  }

  /** Ids of the servers running now, in start order. */
  synchronized List<String> running() {
    return new ArrayList<>(byId.keySet());
  }

  @Override
  public synchronized void close() {
    byId.values().forEach(RedisServer::close);
    byId.clear();
  }
}
