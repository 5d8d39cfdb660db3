package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.process.HarnessDirs;
import io.redisrace.process.RunDir;
import io.redisrace.server.ServerManifest.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Installs a {@link ServerManifest} entry into the harness cache ({@code <cache>/servers/<id>/redis-server})
 * through the ordinary clients: {@code mvn dependency:copy} for a Maven jar, {@code pip download} for
 * a wheel, {@code pip wheel} for a source distribution built once, {@code apt-get download} for a
 * Debian package. The binary is taken out of the package and kept only when its sha256 is the
 * manifest's; anything else is refused with one sentence.
 */
public final class ServerInstaller {
  private static final long TOOL_TIMEOUT_MINUTES = 10;

  private ServerInstaller() {}

  /** Where an installed entry's binary lives. */
  public static Path binaryPath(Entry entry) {
    return HarnessDirs.cache().resolve("servers").resolve(entry.id()).resolve("redis-server");
  }

  /** The environment a binary needs: {@code LD_LIBRARY_PATH} at the libraries installed beside it, if any. */
  public static Map<String, String> environment(Path binary) {
    Path lib = binary.resolveSibling("lib");
    return Files.isDirectory(lib) ? Map.of("LD_LIBRARY_PATH", lib.toString()) : Map.of();
  }

  /** The installed binary of {@code entry}: a classpath one is extracted, others must have been installed. */
  public static Optional<Path> installed(Entry entry) {
    if (entry.sourceKind() == ServerManifest.SourceKind.CLASSPATH) {
      return ServerInstaller.class.getClassLoader().getResource(entry.file()) == null
          ? Optional.empty() : Optional.of(HarnessDirs.extractExecutable(entry.file()));
    }
    Path p = binaryPath(entry);
    return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
  }

  /** The one sentence for a version of the manifest that is not in the cache yet. */
  public static HarnessException notInstalled(Entry entry) {
    return new HarnessException("Server " + entry.id() + " is not installed; run redis-race servers --install " + entry.id() + " first.");
  }

  /** Fetches, verifies and caches {@code entry}; returns the binary (at once when it is already installed). */
  public static Path install(Entry entry) {
    Optional<Path> done = installed(entry);
    if (done.isPresent()) {
      return done.get();
    }
    if (entry.sourceKind() == ServerManifest.SourceKind.CLASSPATH) {
      throw new HarnessException(entry.id() + " ships in a test jar (" + entry.file() + ") that is not on this classpath.");
    }
    Path tmp = HarnessDirs.newWorkDir("install-" + entry.id() + "-");
    try {
      Path pkg = fetch(entry, tmp);
      for (String need : entry.needs()) {
        Path dir = DebPackages.fetch(entry, need, tmp.resolve("needs"));
        DebPackages.copyLibraries(dir, binaryPath(entry).resolveSibling("lib"));
      }
      return installFrom(entry, pkg);
    } finally {
      HarnessDirs.deleteTree(tmp);
    }
  }

  /**
   * Takes {@code entry.file()} out of {@code pkg} (a jar or wheel, or a directory such as an
   * unpacked .deb), checks its sha256 against the manifest and moves it into the cache.
   */
  public static Path installFrom(Entry entry, Path pkg) {
    byte[] bytes = read(entry, pkg);
    if (entry.sourceKind() != ServerManifest.SourceKind.PIP_BUILD) {
      verify(entry, Path.of(entry.file()), sha256(bytes));
    }
    try {
      return RunDir.write(binaryPath(entry), RunDir.EXECUTABLE, t -> Files.write(t, bytes));
    } catch (IOException e) {
      throw new HarnessException("Cannot write " + binaryPath(entry) + " (" + e.getMessage() + "); check the cache directory.");
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Entry entry, Path pkg) {
    try {
      if (Files.isDirectory(pkg)) {
        Path f = pkg.resolve(entry.file());
        if (!Files.isRegularFile(f)) {
          throw new HarnessException(pkg.getFileName() + " has no " + entry.file() + "; the manifest line of " + entry.id() + " is wrong.");
        }
        return Files.readAllBytes(f);
      }
      try (ZipFile zip = new ZipFile(pkg.toFile())) {
        ZipEntry e = zip.getEntry(entry.file());
        if (e == null) {
          throw new HarnessException(pkg.getFileName() + " has no " + entry.file() + "; the manifest line of " + entry.id() + " is wrong.");
        }
        try (InputStream in = zip.getInputStream(e)) {
          return in.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new HarnessException("Cannot read " + pkg + " (" + e.getMessage() + "); delete it and install " + entry.id() + " again.");
    }
  }

  /** Runs the package client for {@code entry} in {@code tmp}; returns the package it fetched. */
  private static Path fetch(Entry entry, Path tmp) {
    List<String> words = new ArrayList<>(List.of(entry.source().split("\\s+")));
    Map<String, String> env = new LinkedHashMap<>();
    while (!words.isEmpty() && words.get(0).matches("[A-Z_]+=.*")) {
      String w = words.remove(0);
      env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
    }
    String spec = words.remove(words.size() - 1);
    List<String> cmd = new ArrayList<>();
    switch (entry.sourceKind()) {
      case MAVEN -> {
        cmd.addAll(List.of(tool("mvn", "Maven"), "-q", "-B", "dependency:copy", "-Dartifact=" + spec, "-DoutputDirectory=" + tmp,
            "-Dtransitive=false"));
        Optional.ofNullable(System.getProperty("maven.repo.local")).ifPresent(r -> cmd.add("-Dmaven.repo.local=" + r));
      }
      case PIP -> cmd.addAll(List.of(tool("python3", "Python 3"), "-m", "pip", "download", "-q", "--no-deps", "-d", tmp.toString()));
      case PIP_BUILD -> {
        // The source distribution is what is pinned (a build stamps its binary); pip builds it once.
        Path sdist = single(entry, run(entry, List.of(tool("python3", "Python 3"), "-m", "pip", "download", "-q", "--no-deps",
            "--no-binary=:all:", "-d", tmp.resolve("sdist").toString(), spec), Map.of(), tmp, "sdist"), ".tar.gz", ".zip");
        verify(entry, sdist, sha256(sdist));
        cmd.addAll(List.of(tool("python3", "Python 3"), "-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp.toString()));
        spec = sdist.toString();
      }
      case DEB -> {
        return DebPackages.fetch(entry, spec, tmp);
      }
      default -> throw new IllegalStateException(entry.sourceKind().id());
    }
    cmd.addAll(words);
    if (entry.sourceKind() != ServerManifest.SourceKind.MAVEN) {
      cmd.add(spec); // a Maven coordinate is -Dartifact, never a goal
    }
    return single(entry, run(entry, cmd, env, tmp, ""), ".jar", ".whl");
  }

  /** The one file in {@code dir} whose name ends with one of {@code suffixes}. */
  private static Path single(Entry entry, Path dir, String... suffixes) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> Stream.of(suffixes).anyMatch(x -> p.toString().endsWith(x))).findFirst().orElseThrow(() ->
          new HarnessException("The package client fetched no " + String.join(" or ", suffixes) + " for " + entry.id() + "."));
    } catch (IOException e) {
      throw new HarnessException("The package client fetched nothing for " + entry.id() + ".");
    }
  }

  private static String sha256(Path file) {
    try {
      return sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Refuses, with one sentence, a package or binary whose sha256 is not the manifest's. */
  static void verify(Entry entry, Path what, String actual) {
    if (!actual.equals(entry.sha256())) {
      throw new HarnessException("The " + what.getFileName() + " fetched for " + entry.id() + " has sha256 " + actual
          + ", not the manifest's " + entry.sha256() + ", so it is refused.");
    }
  }

  static String tool(String name, String what) {
    return HarnessDirs.onPath(name).map(Path::toString).orElseThrow(() -> new HarnessException(
        "Installing this server needs " + name + " (" + what + ") on PATH, which this machine lacks."));
  }

  /** Runs {@code cmd} in {@code dir}; returns {@code dir/sub}, where it put its files. */
  static Path run(Entry entry, List<String> cmd, Map<String, String> env, Path dir, String sub) {
    Path log = dir.resolve("client-" + Path.of(cmd.get(0)).getFileName() + "-" + System.nanoTime() + ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      if (!p.waitFor(TOOL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new HarnessException(cmd.get(0) + " did not finish fetching " + entry.id() + " within " + TOOL_TIMEOUT_MINUTES
            + " minutes; check the network.");
      }
      if (p.exitValue() != 0) {
        List<String> lines = Files.readAllLines(log).stream().map(l -> l.replaceAll("\u001b\\[[0-9;]*m", "").strip())
            .filter(l -> !l.isBlank()).toList();
        String last = lines.stream().filter(l -> l.contains("ERROR")).findFirst()
            .orElse(lines.isEmpty() ? "no output" : lines.get(lines.size() - 1));
        throw new HarnessException("Fetching " + entry.id() + " failed (" + Path.of(cmd.get(0)).getFileName() + " said: " + last
            + "); check the network or the registry.");
      }
      return dir.resolve(sub);
    } catch (IOException e) {
      throw new HarnessException("Cannot run " + cmd.get(0) + " to fetch " + entry.id() + ": " + e.getMessage() + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("Interrupted while fetching " + entry.id() + ".");
    }
  }
}
