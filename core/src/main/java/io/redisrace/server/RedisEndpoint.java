package io.redisrace.server;

/**
 * Where clients connect: a server id and version, and the host:port to dial, which is either the
 * server itself or a Toxiproxy proxy in front of it ({@code RedisProxy.endpoint(RedisEndpoint)}).
 */
public record RedisEndpoint(String serverId, RedisVersion version, String host, int port) {

  /** The same server, reached at another host:port. */
  public RedisEndpoint at(String otherHost, int otherPort) {
    return new RedisEndpoint(serverId, version, otherHost, otherPort);
  }
}
