package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.ServerManifest.Entry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian packages of the manifest, fetched with {@code apt-get download} and unpacked with
 * {@code dpkg-deb -x}, never installed into the system. A package is {@code suite:name}
 * ({@code bookworm-backports:valkey-tools}, {@code bullseye:libssl1.1}) or a bare name from the
 * machine's own suite. apt reads a private source list in the cache ({@code <cache>/apt}) that
 * names the machine's own Debian mirror (from /etc/apt) with the suites the manifest needs, so
 * the system's apt configuration is left alone.
 */
final class DebPackages {
  private static final Pattern URIS = Pattern.compile("(?m)^URIs:\\s*(\\S+)");
  private static final Pattern SIGNED = Pattern.compile("(?m)^Signed-By:\\s*(\\S+)");
  private static final Pattern CODENAME = Pattern.compile("(?m)^VERSION_CODENAME=(\\S+)");

  private DebPackages() {}

  /** Fetches {@code token} and unpacks it into a new directory under {@code tmp}, which it returns. */
  static Path fetch(Entry entry, String token, Path tmp) {
    int colon = token.indexOf(':');
    String name = colon < 0 ? token : token.substring(colon + 1);
    String suite = colon < 0 ? "" : token.substring(0, colon);
    Path apt = aptDir(entry);
    Path dl = tmp.resolve("deb-" + name);
    try {
      Files.createDirectories(dl);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> cmd = new ArrayList<>(aptGet(apt));
    cmd.addAll(List.of("download", suite.isEmpty() ? name : name + "/" + suite));
    ServerInstaller.run(entry, cmd, Map.of(), dl, "");
    try (Stream<Path> files = Files.list(dl)) {
      Path deb = files.filter(p -> p.toString().endsWith(".deb")).findFirst().orElseThrow(() ->
          new HarnessException("apt-get download " + token + " fetched no .deb for " + entry.id() + "."));
      Path dir = dl.resolve("x");
      ServerInstaller.run(entry, List.of(ServerInstaller.tool("dpkg-deb", "dpkg"), "-x", deb.toString(), dir.toString()), Map.of(), dl, "");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the shared libraries ({@code *.so*}) of an unpacked package into {@code lib}. */
  static void copyLibraries(Path unpacked, Path lib) {
    try (Stream<Path> walk = Files.walk(unpacked)) {
      Files.createDirectories(lib);
      for (Path p : walk.filter(p -> p.getFileName().toString().matches(".*\\.so(\\.\\d+)*") && Files.isRegularFile(p)).toList()) {
        Files.copy(p, lib.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> aptGet(Path apt) {
    return List.of(ServerInstaller.tool("apt-get", "apt"), "-q", "-o", "Dir::Etc::SourceList=" + apt.resolve("sources.list"),
        "-o", "Dir::Etc::SourceParts=/dev/null", "-o", "Dir::State::Lists=" + apt.resolve("lists"),
        "-o", "Dir::Cache=" + apt.resolve("cache"), "-o", "APT::Sandbox::User=root");
  }

  /** The private apt directory, its source list written and its package lists fetched once. */
  private static synchronized Path aptDir(Entry entry) {
    Path apt = HarnessDirs.cache().resolve("apt");
    Path lists = apt.resolve("lists");
    try {
      if (Files.isDirectory(lists)) {
        try (Stream<Path> l = Files.list(lists)) {
          if (l.anyMatch(p -> p.getFileName().toString().endsWith("_Packages"))) {
            return apt;
          }
        }
      }
      Files.createDirectories(lists.resolve("partial"));
      Files.createDirectories(apt.resolve("cache").resolve("archives").resolve("partial"));
      String[] mirror = mirror();
      TreeSet<String> suites = new TreeSet<>();
      suites.add(codename());
      for (Entry e : ServerManifest.builtIn().entries()) {
        List<String> tokens = new ArrayList<>(e.needs());
        if (e.sourceKind() == ServerManifest.SourceKind.DEB) {
          tokens.add(e.source());
        }
        tokens.stream().filter(t -> t.contains(":")).forEach(t -> suites.add(t.substring(0, t.indexOf(':'))));
      }
      StringBuilder list = new StringBuilder();
      for (String suite : suites) {
        list.append("deb [signed-by=").append(mirror[1]).append("] ").append(mirror[0]).append(' ').append(suite).append(" main\n");
      }
      Files.writeString(apt.resolve("sources.list"), list);
      List<String> cmd = new ArrayList<>(aptGet(apt));
      cmd.add("update");
      ServerInstaller.run(entry, cmd, Map.of(), apt, "");
      return apt;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The machine's Debian mirror and its keyring, from /etc/apt/sources.list.d/debian.sources. */
  private static String[] mirror() throws IOException {
    Path sources = Path.of("/etc/apt/sources.list.d/debian.sources");
    if (!Files.isRegularFile(sources)) {
      throw new HarnessException("This machine has no /etc/apt/sources.list.d/debian.sources, so Debian packages cannot be fetched here.");
    }
    String text = Files.readString(sources);
    Matcher uri = URIS.matcher(text);
    if (!uri.find()) {
      throw new HarnessException(sources + " names no URIs, so Debian packages cannot be fetched here.");
    }
    Matcher key = SIGNED.matcher(text);
    return new String[] {uri.group(1), key.find() ? key.group(1) : "/usr/share/keyrings/debian-archive-keyring.gpg"};
  }

  private static String codename() throws IOException {
    Path os = Path.of("/etc/os-release");
    Optional<String> name = Files.isRegularFile(os) ? Optional.of(CODENAME.matcher(Files.readString(os))).filter(Matcher::find)
        .map(m -> m.group(1)) : Optional.empty();
    return name.orElseThrow(() -> new HarnessException("/etc/os-release names no Debian codename, so Debian packages cannot be fetched here."));
  }
}
