package io.redisrace.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Builds and tests {@code examples/junit5-user} the way its README says a user does, with
 * {@code mvn -o verify} of its own pom, against the artifacts of this build: the example's test
 * passes on its lua counter and asserts that the extension's check fails on its naive one, and
 * its loader variant runs in the loader processes of the chaos runner.
 *
 * <p>{@code mvn verify} installs nothing, so the example resolves the harness from a local
 * repository made here: the parent, core, chaos and junit5 poms and jars of this build under
 * {@code io/redisrace}, every other entry a symbolic link into the build's own local repository.
 * The example is copied under {@code target/}, so that its build writes nothing in the source tree.
 */
class ExampleProjectIntegrationTests {
  private static final List<String> MODULES = List.of("core", "chaos", "junit5");
  private static final Pattern COUNTS = Pattern.compile("tests=\"(\\d+)\" errors=\"(\\d+)\" skipped=\"(\\d+)\" failures=\"(\\d+)\"");

  private final Path root = Path.of(System.getProperty("example.root", "..")).toAbsolutePath().normalize();
  private final String version = System.getProperty("example.version", "0.1.0-SNAPSHOT");
  private final Path target = root.resolve("junit5/target");

  @Test
  void theExampleProjectBuildsAndItsTestsPassAgainstThisBuild() throws Exception {
    Path repo = overlayRepository(Path.of(System.getProperty("example.local.repository", System.getProperty("user.home") + "/.m2/repository")));
    Path project = target.resolve("example-project");
    HarnessDirs.deleteTree(project);
    copyTree(root.resolve("examples/junit5-user"), project);
    Path mvn = Path.of(System.getProperty("example.maven.home", "/usr/share/maven"), "bin", "mvn");
    List<String> cmd = List.of(mvn.toString(), "-o", "-B", "-q", "-f", project.resolve("pom.xml").toString(),
        "-Dmaven.repo.local=" + repo, "-Dredis-race.version=" + version, "-Dexample.hunt.seconds=3", "verify");
    Path log = target.resolve("example-build.log");
    Files.deleteIfExists(log);
    Optional<Integer> exit;
    try (ChildProcess build = ChildProcess.start("example project build", cmd, project, log,
        Map.of("JAVA_HOME", System.getProperty("java.home")))) {
      exit = build.waitFor(Duration.ofMinutes(5));
    }
    String output = Files.readString(log);
    assertThat(exit).as("the example build (%s) finished with exit 0; its output:%n%s", String.join(" ", cmd), output).contains(0);
    assertThat(counts(project, "com.example.race.CounterRaceTests")).as("CounterRaceTests tests, errors, skipped, failures")
        .containsExactly(2, 0, 0, 0);
    assertThat(counts(project, "com.example.race.LoaderChaosTests")).as("LoaderChaosTests tests, errors, skipped, failures")
        .containsExactly(1, 0, 0, 0);
  }

  /** tests, errors, skipped, failures of one test class, from its surefire report. */
  private static List<Integer> counts(Path project, String testClass) throws IOException {
    String xml = Files.readString(project.resolve("target/surefire-reports/TEST-" + testClass + ".xml"));
    Matcher m = COUNTS.matcher(xml);
    assertThat(m.find()).as("a testsuite element in the report of %s", testClass).isTrue();
    return List.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
  }

  /** A local repository with this build's harness artifacts and, linked, everything else of {@code real}. */
  private Path overlayRepository(Path real) throws IOException {
    Path repo = target.resolve("example-repository");
    HarnessDirs.deleteTree(repo);
    Files.createDirectories(repo.resolve("io/redisrace"));
    link(real, repo, "io");
    link(real.resolve("io"), repo.resolve("io"), "redisrace");
    install(root.resolve("pom.xml"), repo, "redis-race-harness", "pom");
    for (String module : MODULES) {
      Path jar = root.resolve(module + "/target/redis-race-" + module + "-" + version + ".jar");
      assertThat(jar).as("%s, made by this build (run the tests from the repository root: mvn verify)", jar).exists();
      install(root.resolve(module + "/pom.xml"), repo, "redis-race-" + module, "pom");
      install(jar, repo, "redis-race-" + module, "jar");
    }
    return repo;
  }

  /** Links every entry of {@code from} into {@code to}, except {@code keep}, which {@code to} has of its own. */
  private static void link(Path from, Path to, String keep) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> entries = Files.list(from)) {
      for (Path e : (Iterable<Path>) entries::iterator) {
        if (!e.getFileName().toString().equals(keep)) {
          Files.createSymbolicLink(to.resolve(e.getFileName().toString()), e.toAbsolutePath());
        }
      }
    }
  }

  private void install(Path file, Path repo, String artifact, String extension) throws IOException {
    Path dir = repo.resolve("io/redisrace").resolve(artifact).resolve(version);
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(artifact + "-" + version + "." + extension));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    List<Path> all = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(from)) {
      walk.filter(p -> !from.relativize(p).startsWith("target")).forEach(all::add);
    }
    for (Path p : all) {
      Path dest = to.resolve(from.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(dest);
      } else {
        Files.copy(p, dest);
      }
    }
  }
}
