package io.redisrace.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.redisrace.docs.DocBlocks.Block;
import io.redisrace.docs.DocBlocks.Kind;
import io.redisrace.docs.DocBlocks.Marker;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code <!-- doc-run: quick -->} command block of README.md and docs/*.md, as a user
 * would type it, from the repository root, after the build made the jars (see {@link DocBlocks}
 * for the marker). A doc whose command no longer works, or no longer prints what the doc says,
 * fails the build. {@code long} blocks are listed with their reason in the test output.
 */
class DocCommandsIntegrationTests {

  private static final Pattern JAR = Pattern.compile("\\b([\\w-]+/target/[\\w.-]+\\.jar)\\b");

  private final Path root = DocBlocks.repositoryRoot();

  @TestFactory
  Stream<DynamicTest> everyQuickDocCommandRunsAsWritten() {
    List<Block> blocks = DocBlocks.read(root).blocks();
    blocks.stream().filter(b -> b.marker().map(m -> m.kind() == Kind.LONG).orElse(false))
        .forEach(b -> System.out.println("doc command not run here (" + b.marker().get().why() + "): "
            + b.where() + ": " + b.lines().get(0).strip()));
    return blocks.stream()
        .filter(b -> b.marker().map(m -> m.kind() == Kind.QUICK).orElse(false))
        .map(b -> DynamicTest.dynamicTest(b.where() + " " + b.lines().get(0).strip(), () -> run(b)));
  }

  private void run(Block block) throws Exception {
    Marker marker = block.marker().orElseThrow();
    String script = block.script();
    Matcher jars = JAR.matcher(script);
    while (jars.find()) {
      assertThat(root.resolve(jars.group(1)))
          .as("%s uses %s, which the build makes (run the doc tests with `mvn verify` from the root)",
              block.where(), jars.group(1))
          .exists();
    }
    // setsid: the block runs in a process group of its own, killed whole when it ends, so that a
    // server a block started in the background cannot outlive the test, whatever the block did.
    ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-euo", "pipefail", "-c", script)
        .directory(root.toFile())
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    // The doc's JMH commands are checked for working, not measured: they must not fail because a
    // benchmark of someone else's holds JMH's one-per-machine lock (/tmp/jmh.lock).
    builder.environment().put("JAVA_TOOL_OPTIONS", "-Djmh.ignoreLock=true");
    Process process = builder.start();
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(process.getInputStream(), output), "doc-output");
    reader.start();
    boolean finished = process.waitFor(marker.timeout().toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    killGroup(process.pid());
    reader.join(10_000);
    String text = output.toString(StandardCharsets.UTF_8);
    if (!finished) {
      fail(block.where() + " did not finish within " + marker.timeout().toSeconds() + " s; output:\n" + text);
    }
    assertThat(process.exitValue())
        .as("exit code of %s (the doc's command, run as written); output:%n%s", block.where(), text)
        .isEqualTo(marker.exit());
    for (String expected : marker.expects()) {
      assertThat(text).as("output of %s", block.where()).contains(expected);
    }
  }

  private static void killGroup(long pgid) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the process was killed; what was read so far is the output
    }
  }
}
