package io.redisrace.server;

import io.redisrace.HasId;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a Redis server comes from. The short {@link #id()} is used in parameters, file names and
 * reports. Binaries ship inside Maven jars as classpath resources; nothing is downloaded at run time.
 */
public enum ServerKind implements HasId {
  /** Redis 2.8.19 from it.ozimov:embedded-redis:0.7.3. Keys can expire inside MULTI/EXEC. */
  REDIS_2_8("2.8", "redis-server-2.8.19", "2.8.19"),
  /** Redis 6.2.11 (file named 6.2.6-v5) from com.github.codemonstur:embedded-redis:1.4.3. EXEC clock frozen (6.2.5+). */
  REDIS_6_2("6.2", "redis-server-6.2.6-v5-linux-amd64", "6.2.11"),
  /** Redis 7.0.15 from org.signal:embedded-redis:0.9.1. PEXPIRE ... NX exists. */
  REDIS_7_0("7.0", "redis-server-7.0.15-linux-amd64", "7.0.15"),
  /** {@code redis-server} found on PATH (for example Debian's package). */
  SYSTEM("system", null, null),
  /** A server at a redis:// URL that the harness does not start or stop. */
  EXTERNAL("external", null, null),
  /** Any image that speaks RESP, run by the docker backend: {@code docker:redis:7.4}, {@code docker:valkey/valkey:8.0}. */
  DOCKER("docker", null, null),
  /**
   * A version of {@link ServerManifest} installed into the cache ({@code redis-race servers --install}):
   * named by its version id ({@code 6.0.9}, {@code valkey-9.1.2}), never by this constant's id; the
   * {@link ServerSpec} carries the manifest entry.
   */
  INSTALLED("installed", null, null);

  private final String id;
  private final String resource;
  private final String version;

  ServerKind(String id, String resource, String version) {
    this.id = id;
    this.resource = resource;
    this.version = version;
  }

  @Override
  public String id() {
    return id;
  }

  /** Classpath resource of the shipped binary, empty for system and external. */
  public Optional<String> resource() {
    return Optional.ofNullable(resource);
  }

  /**
   * The official image of the version this id promises ({@code redis:2.8.19}), which the docker
   * backend runs for this id; empty for system, external and docker. docker/build-offline-images.sh
   * builds these tags from the same binaries where no registry can be reached.
   */
  public Optional<String> dockerImage() {
    return Optional.ofNullable(version).map(v -> "redis:" + v);
  }

  /** The version this id promises, empty where the server decides. */
  public Optional<RedisVersion> promisedVersion() {
    return Optional.ofNullable(version).map(RedisVersion::parse);
  }

  /** The three shipped versions, oldest first. */
  public static ServerKind[] shipped() {
    return new ServerKind[] {REDIS_2_8, REDIS_6_2, REDIS_7_0};
  }

  /** The kind named by a short id; {@code installed} is no id (an installed server is named by its version). */
  public static Optional<ServerKind> byId(String id) {
    return HasId.byId(ServerKind.class, id).filter(k -> k != INSTALLED);
  }

  /** The shipped kind whose promised version is {@code version} (2.8.19 is 2.8). */
  public static Optional<ServerKind> byVersion(String version) {
    return Arrays.stream(shipped()).filter(k -> k.version.equals(version)).findFirst();
  }

  public static String ids() {
    return HasId.ids(Arrays.stream(values()).filter(k -> k != INSTALLED).toList());
  }
}
