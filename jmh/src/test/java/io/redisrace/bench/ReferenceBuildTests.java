package io.redisrace.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.HarnessException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference of an A/B run: a ref that is no commit, and a commit that does not build, each in one sentence. */
class ReferenceBuildTests {
  @TempDir Path tmp;

  private void git(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", tmp.toString(), "-c", "user.name=t", "-c", "user.email=t@t"));
    cmd.addAll(List.of(args));
    assertThat(new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor()).isZero();
  }

  @Test
  void aRefThatIsNoCommitIsOneSentence() throws Exception {
    git("init", "-q");
    Files.writeString(tmp.resolve("README"), "x\n");
    git("add", "README");
    git("commit", "-q", "-m", "one");
    PrintStream log = new PrintStream(new ByteArrayOutputStream());
    assertThatThrownBy(() -> ReferenceBuild.build(tmp, "no-such-ref", "mvn", true, log))
        .isInstanceOf(HarnessException.class)
        .hasMessageStartingWith("The reference 'no-such-ref' is not a commit of the repository at " + tmp)
        .hasMessageEndingWith(".");
  }

  @Test
  void aCommitThatDoesNotBuildIsOneSentenceAndLeavesNoWorktree() throws Exception {
    git("init", "-q");
    Files.writeString(tmp.resolve("pom.xml"), "<project>this is not a pom</project>\n");
    git("add", "pom.xml");
    git("commit", "-q", "-m", "broken");
    PrintStream log = new PrintStream(new ByteArrayOutputStream());
    assertThatThrownBy(() -> ReferenceBuild.build(tmp, "HEAD", "mvn", true, log))
        .isInstanceOf(HarnessException.class)
        .hasMessageContaining("The reference 'HEAD' (")
        .hasMessageContaining(") could not be built: mvn -o -B -q -DskipTests -pl jmh -am package exited 1 (see ");
    try (Stream<Path> left = Files.list(tmp.resolve("target"))) {
      assertThat(left.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".log"));
    }
    assertThat(ReferenceBuild.git(tmp, "worktree", "list").orElse("")).doesNotContain("ab-ref-");
  }
}
