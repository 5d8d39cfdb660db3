package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the user asked for with {@code --server}: a {@link ServerKind} id ({@code 2.8}, {@code 6.2},
 * {@code 7.0}, {@code system}), an external server, written {@code redis://host:port} or
 * {@code external:redis://host:port}, or a Docker image, written {@code docker:<image>:<tag>}
 * ({@code docker:redis:7.4}, {@code docker:valkey/valkey:8.0}; {@code docker:7.4} is short for
 * {@code docker:redis:7.4}). Image tags are pinned: no tag, or {@code latest}, is refused. A bare
 * id may be pinned to the embedded backend as {@code embedded:<id>} ({@code embedded:7.0}).
 *
 * <p>A {@code redis://}, {@code docker:} or {@code embedded:} id says where the server runs; for the
 * bare ids the {@link Backend} decides (the same {@code 2.8} runs as a process or as the
 * {@code redis:2.8.19} image). The pinned embedded form is what a docker-backed benchmark run uses
 * for its reference cells: the same version as a local process, in the same run.
 *
 * <p>A version id ({@code 6.0.9}, {@code valkey-9.1.2}) names a {@link ServerManifest} entry, run
 * from the cache once {@code redis-race servers --install} has put it there; the version ids of the
 * three shipped servers ({@code 2.8.19}, {@code 6.2.11}, {@code 7.0.15}) are the short ids.
 *
 * @param embedded pinned to the embedded backend whatever {@code -Dharness.backend} says
 * @param installed the manifest entry of an {@link ServerKind#INSTALLED} server
 */
public record ServerSpec(ServerKind kind, Optional<URI> externalUri, Optional<String> image, boolean embedded,
    Optional<ServerManifest.Entry> installed) {

  public static final String ACCEPTED =
      "2.8, 6.2, 7.0, system, a version id such as 6.0.9 or valkey-9.1.2 (redis-race servers lists them), embedded:<one of those>,"
      + " an external server as redis://host:port, or an image as docker:redis:<tag>";
  /** Prefix of an id pinned to the embedded backend. */
  public static final String EMBEDDED_PREFIX = "embedded:";

  private static final Pattern VERSION_TAG = Pattern.compile("\\d+(\\.\\d+){0,2}");
  private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/-]*(:[0-9]+)?(/[a-z0-9._-]+)*:[A-Za-z0-9_][A-Za-z0-9_.-]*");

  /** A spec without an image (the form before the docker backend). */
  public ServerSpec(ServerKind kind, Optional<URI> externalUri) {
    this(kind, externalUri, Optional.empty(), false);
  }

  /** A spec that is no installed version (the form before the manifest). */
  public ServerSpec(ServerKind kind, Optional<URI> externalUri, Optional<String> image, boolean embedded) {
    this(kind, externalUri, image, embedded, Optional.empty());
  }

  /** The installed server of a manifest entry; a shipped version is its shipped kind (2.8.19 is 2.8). */
  public static ServerSpec of(ServerManifest.Entry entry) {
    return ServerKind.byVersion(entry.id())
        .map(ServerSpec::of)
        .orElseGet(() -> new ServerSpec(ServerKind.INSTALLED, Optional.empty(), Optional.empty(), false, Optional.of(entry)));
  }

  public static ServerSpec of(ServerKind kind) {
    if (kind == ServerKind.EXTERNAL) {
      throw new HarnessException("The external server needs a URL: write --server redis://host:port.");
    }
    if (kind == ServerKind.DOCKER) {
      throw new HarnessException("A docker server needs an image with a pinned tag: write --server docker:redis:7.4.");
    }
    return new ServerSpec(kind, Optional.empty());
  }

  /** The image, run by the docker backend (the tag must be pinned). */
  public static ServerSpec docker(String image) {
    String i = image.trim();
    if (VERSION_TAG.matcher(i).matches()) {
      i = "redis:" + i;
    }
    if (!IMAGE.matcher(i).matches()) {
      throw new HarnessException("'" + image + "' is not an image with a pinned tag; write docker:redis:7.4 or docker:valkey/valkey:8.0.");
    }
    if (i.endsWith(":latest")) {
      throw new HarnessException("Image '" + i + "' is not pinned; name a version tag (docker:redis:7.4), never latest.");
    }
    return new ServerSpec(ServerKind.DOCKER, Optional.empty(), Optional.of(i), false);
  }

  public static ServerSpec parse(String text) {
    String t = text == null ? "" : text.trim();
    if (t.startsWith("docker:")) {
      return docker(t.substring("docker:".length()));
    }
    if (t.startsWith(EMBEDDED_PREFIX)) {
      ServerSpec bare = parse(t.substring(EMBEDDED_PREFIX.length()));
      if (bare.kind() == ServerKind.EXTERNAL || bare.kind() == ServerKind.DOCKER || bare.embedded()) {
        throw new HarnessException("'" + text + "' pins a server that is not a local one; write embedded:2.8, embedded:6.2, embedded:7.0 or embedded:system.");
      }
      return new ServerSpec(bare.kind(), Optional.empty(), Optional.empty(), true, bare.installed());
    }
    if (t.equals("docker")) {
      throw new HarnessException("A docker server needs an image with a pinned tag: write --server docker:redis:7.4.");
    }
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
    String id = t;
    return ServerKind.byId(t)
        .map(ServerSpec::of)
        .or(() -> ServerManifest.builtIn().byId(id).map(ServerSpec::of))
        .orElseThrow(() -> HasId.unknown("server", text, ACCEPTED));
  }

  /** Short id for parameters, file names and reports: 2.8, ..., embedded:2.8, external, or docker:&lt;image&gt;. */
  public String id() {
    return image.map(i -> "docker:" + i).orElse((embedded ? EMBEDDED_PREFIX : "") + installed.map(ServerManifest.Entry::id).orElse(kind.id()));
  }

  /** The version INFO must report: the shipped kind's, or the manifest entry's redis_version. */
  public Optional<RedisVersion> promisedVersion() {
    return installed.map(ServerManifest.Entry::redisVersion).or(kind::promisedVersion);
  }

  /** The same server without its pin: {@code embedded:7.0} gives {@code 7.0}. */
  public ServerSpec unpinned() {
    return new ServerSpec(kind, externalUri, image, false, installed);
  }

  @Override
  public String toString() {
    return externalUri.map(URI::toString).orElse(id());
  }
}
