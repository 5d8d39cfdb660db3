package io.redisrace.server;

import io.redisrace.HarnessException;
import java.net.URI;
import java.util.Optional;

/**
 * What the user asked for with {@code --server}: a {@link ServerKind} id ({@code 2.8}, {@code 6.2},
 * {@code 7.0}, {@code system}) or an external server, written {@code redis://host:port} or
 * {@code external:redis://host:port}.
 */
public record ServerSpec(ServerKind kind, Optional<URI> externalUri) {

  public static final String ACCEPTED =
      "2.8, 6.2, 7.0, system, or an external server as redis://host:port";

  public static ServerSpec of(ServerKind kind) {
    if (kind == ServerKind.EXTERNAL) {
      throw new HarnessException("The external server needs a URL: write --server redis://host:port.");
    }
    return new ServerSpec(kind, Optional.empty());
  }

  public static ServerSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("external:")) {
      t = t.substring("external:".length());
    }
    if (t.startsWith("redis://")) {
      URI uri;
      try {
        uri = URI.create(t);
      } catch (IllegalArgumentException e) {
        throw new HarnessException("'" + text + "' is not a valid URL; write an external server as redis://host:port.");
      }
      if (uri.getHost() == null || uri.getPort() <= 0) {
        throw new HarnessException("'" + text + "' lacks a host or port; write an external server as redis://host:port.");
      }
      return new ServerSpec(ServerKind.EXTERNAL, Optional.of(uri));
    }
    if (t.equals("external")) {
      throw new HarnessException("The external server needs a URL: write --server redis://host:port.");
    }
    return ServerKind.byId(t)
        .map(ServerSpec::of)
        .orElseThrow(() -> new HarnessException("Unknown server '" + text + "'; use one of " + ACCEPTED + "."));
  }

  public String id() {
    return kind.id();
  }

  @Override
  public String toString() {
    return externalUri.map(URI::toString).orElse(kind.id());
  }
}
