package io.redisrace.toxi;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicList;
import io.redisrace.server.RedisEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One Toxiproxy proxy in front of a Redis server: one client connection path. Clients connect to
 * {@link #host()}:{@link #port()}; faults are added with {@link #toxics()} and removed when the
 * proxy is closed (or by {@link ToxiproxyServer#reset()}).
 */
public final class RedisProxy implements AutoCloseable {
  private final Proxy proxy;
  private final String host;
  private final int port;

  RedisProxy(Proxy proxy) {
    this(proxy, ToxiproxyServer.Wiring.LOOPBACK.clientHost(proxy.getListen()), ToxiproxyServer.Wiring.LOOPBACK.clientPort(proxy.getListen()));
  }

  /** A proxy that clients reach at host:port (a published port when Toxiproxy runs in a bridge-networked container). */
  RedisProxy(Proxy proxy, String host, int port) {
    this.proxy = proxy;
    this.host = host;
    this.port = port;
  }

  public String name() {
    return proxy.getName();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** {@code direct}'s server, reached through this proxy. */
  public RedisEndpoint endpoint(RedisEndpoint direct) {
    return direct.at(host, port);
  }

  /** The toxiproxy-java handle, for anything this class does not wrap. */
  public Proxy proxy() {
    return proxy;
  }

  public ToxicList toxics() {
    return proxy.toxics();
  }

  /** Removes every toxic of this proxy (the heal of all its faults). */
  public void removeAllToxics() {
    try {
      for (var toxic : proxy.toxics().getAll()) {
        toxic.remove();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Drops every connection and refuses new ones until {@link #enable()}. */
  public void disable() {
    try {
      proxy.disable();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void enable() {
    try {
      proxy.enable();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      proxy.delete();
    } catch (IOException ignored) {
      // the server may already be gone
    }
  }

  @Override
  public String toString() {
    return "proxy " + name() + " " + host + ":" + port + " -> " + proxy.getUpstream();
  }
}
