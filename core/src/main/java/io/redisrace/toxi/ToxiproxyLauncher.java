package io.redisrace.toxi;

import io.redisrace.server.BackendLauncher;

/**
 * Starts a Toxiproxy server on one backend: {@link LocatedToxiproxy} (the process that
 * {@link ToxiproxyLocator} finds) here, the docker backend's container in {@code io.redisrace.docker};
 * registered in {@code META-INF/services/io.redisrace.toxi.ToxiproxyLauncher} and found with
 * {@code backend.launcher(ToxiproxyLauncher.class)}.
 */
public interface ToxiproxyLauncher extends BackendLauncher {

  /** What this launcher runs, for messages ({@code ghcr.io/shopify/toxiproxy:2.12.0}). */
  String describe();

  /** Starts a Toxiproxy server and waits until it answers. */
  ToxiproxyServer launch();
}
