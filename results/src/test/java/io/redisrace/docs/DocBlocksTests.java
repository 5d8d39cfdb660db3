package io.redisrace.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.redisrace.docs.DocBlocks.Block;
import io.redisrace.docs.DocBlocks.Kind;
import io.redisrace.docs.DocBlocks.Marker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocBlocksTests {

  @Test
  void everyCommandBlockInTheDocsCarriesADocRunMarker() {
    List<String> unmarked = DocBlocks.read(DocBlocks.repositoryRoot()).blocks().stream()
        .filter(Block::isCommand)
        .filter(b -> b.marker().isEmpty())
        .map(b -> b.where() + ": " + b.lines().get(0).strip())
        .toList();
    assertThat(unmarked)
        .as("command blocks without a <!-- doc-run: quick|long ... --> marker on the line above")
        .isEmpty();
  }

  @Test
  void everyQuickBlockBuildsItsScript() {
    DocBlocks.read(DocBlocks.repositoryRoot()).blocks().stream()
        .filter(b -> b.marker().map(m -> m.kind() == Kind.QUICK).orElse(false))
        .forEach(Block::script);
  }

  @Test
  void aMarkerCarriesItsFields() {
    Marker m = Marker.parse(" quick; timeout=90s; exit=1; expect=hunt: variant=multi; expect=ops/s;"
        + " replace=--duration 20s=>--duration 2s ", "x.md:1");
    assertThat(m.kind()).isEqualTo(Kind.QUICK);
    assertThat(m.timeout().toSeconds()).isEqualTo(90);
    assertThat(m.exit()).isEqualTo(1);
    assertThat(m.expects()).containsExactly("hunt: variant=multi", "ops/s");
    assertThat(m.replaces()).containsExactly(new DocBlocks.Replace("--duration 20s", "--duration 2s"));
  }

  @Test
  void aBadMarkerIsOneSentence() {
    assertThatThrownBy(() -> Marker.parse("fast", "x.md:3"))
        .hasMessage("x.md:3: a doc-run marker starts with quick or long, not 'fast'");
    assertThatThrownBy(() -> Marker.parse("long", "x.md:3"))
        .hasMessage("x.md:3: a long doc-run marker says why (why=...)");
    assertThatThrownBy(() -> Marker.parse("quick; expct=x", "x.md:3"))
        .hasMessageContaining("unknown doc-run field 'expct'");
  }

  @Test
  void theScriptLeavesOutTheBuildAndAppliesTheReplaces(@TempDir Path dir) throws IOException {
    Path md = dir.resolve("x.md");
    Files.writeString(md, String.join("\n",
        "text",
        "<!-- doc-run: quick; replace=20s=>2s -->",
        "```",
        "mvn -q package -pl core -DskipTests",
        "java -jar core/target/redis-race.jar hunt --duration 20s \\",
        "     --threads 2",
        "```",
        "```",
        "hunt: output sample",
        "```",
        ""));
    List<Block> blocks = DocBlocks.parse(md);
    assertThat(blocks).hasSize(2);
    assertThat(blocks.get(0).isCommand()).isTrue();
    assertThat(blocks.get(0).line()).isEqualTo(3);
    assertThat(blocks.get(0).script())
        .isEqualTo("java -jar core/target/redis-race.jar hunt --duration 2s \\\n     --threads 2\n");
    assertThat(blocks.get(1).isCommand()).isFalse();
    assertThat(blocks.get(1).marker()).isEmpty();
  }
}
