package io.redisrace.toxi;

import io.redisrace.server.Backend;

/** The embedded backend's Toxiproxy: the toxiproxy-server process (or TOXIPROXY_URL) that {@link ToxiproxyLocator} finds. */
public final class LocatedToxiproxy implements ToxiproxyLauncher {

  @Override
  public Backend backend() {
    return Backend.EMBEDDED;
  }

  @Override
  public String describe() {
    return "toxiproxy-server";
  }

  @Override
  public ToxiproxyServer launch() {
    return ToxiproxyServer.start(ToxiproxyLocator.fromEnvironment().locate());
  }
}
