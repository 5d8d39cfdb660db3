package io.redisrace.server;

import io.redisrace.toxi.RedisProxy;

/**
 * Where clients connect: a server id and version, and the host:port to dial, which is either the
 * server itself or a Toxiproxy proxy in front of it ({@link #via(RedisProxy)}).
 */
public record RedisEndpoint(String serverId, RedisVersion version, String host, int port) {

  /** The same server, reached through the proxy. */
  public RedisEndpoint via(RedisProxy proxy) {
    return new RedisEndpoint(serverId, version, proxy.host(), proxy.port());
  }
}
