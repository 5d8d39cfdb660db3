package io.redisrace.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of README.md and docs/*.md, and the {@code <!-- doc-run: ... -->} marker
 * on the line above each block that a user is meant to type.
 *
 * <p>A marker is one HTML comment (invisible on GitHub) of {@code ;}-separated fields:
 *
 * <pre>{@code
 * <!-- doc-run: quick; timeout=60s; exit=0; expect=hunt: variant=multi; replace=--duration 20s=>--duration 2s -->
 * <!-- doc-run: long; why=full mode, about 30 minutes (why is the last field) -->
 * }</pre>
 *
 * <ul>
 *   <li>{@code quick}: {@code DocCommandsIntegrationTests} runs the block in {@code bash} from the
 *       repository root, after the build made the jars, and checks its exit code and that every
 *       {@code expect} text appears in its output. {@code replace} bounds a duration or a count
 *       for the test without changing what the doc shows. Lines that start with {@code mvn} are the
 *       build itself: the test does not run Maven inside Maven, it checks that the jars the other
 *       lines use exist.
 *   <li>{@code long}: too long for the test suite (full mode, docker, minutes of work); listed with
 *       its reason by the test, never silently skipped.
 * </ul>
 *
 * <p>Every block that starts with a command (bash-tagged, or a first word such as {@code java},
 * {@code mvn}, {@code scripts/...}) must carry a marker: {@code DocBlocksTests} fails on one that
 * does not.
 */
record DocBlocks(Path root, List<Block> blocks) {

  /** Words that start a command line; a block whose first line starts with one is a command block. */
  private static final Set<String> COMMAND_WORDS =
      Set.of("mvn", "java", "bash", "sh", "python3", "flock", "docker", "git", "cat", "redis-cli",
          "redis-server", "apt-get", "pip", "curl", "CI=true", "sqlite3", "export", "cd");

  private static final Pattern FENCE = Pattern.compile("^```([\\w-]*)\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*doc-run:(.*?)-->\\s*$");

  enum Kind { QUICK, LONG }

  /** One {@code replace=from=>to} rewrite applied to the block before the test runs it. */
  record Replace(String from, String to) {}

  /** A parsed marker. */
  record Marker(Kind kind, Duration timeout, int exit, List<String> expects, List<Replace> replaces,
      String why) {

    static Marker parse(String fields, String where) {
      String[] parts = fields.split(";");
      String kindText = parts[0].trim();
      Kind kind = switch (kindText) {
        case "quick" -> Kind.QUICK;
        case "long" -> Kind.LONG;
        default -> throw new IllegalArgumentException(
            where + ": a doc-run marker starts with quick or long, not '" + kindText + "'");
      };
      Duration timeout = Duration.ofSeconds(60);
      int exit = 0;
      List<String> expects = new ArrayList<>();
      List<Replace> replaces = new ArrayList<>();
      String why = "";
      for (int i = 1; i < parts.length; i++) {
        String part = parts[i].trim();
        if (part.isEmpty()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq < 0) {
          throw new IllegalArgumentException(where + ": doc-run field '" + part + "' has no '='");
        }
        String key = part.substring(0, eq).trim();
        String value = part.substring(eq + 1).trim();
        if (key.equals("why")) {
          // the reason is free text, always the last field, and may itself hold a ';'
          value = String.join(";", Arrays.copyOfRange(parts, i, parts.length)).trim().substring(4).trim();
          i = parts.length;
        }
        switch (key) {
          case "timeout" -> timeout = Duration.ofSeconds(Long.parseLong(value.replaceFirst("s$", "")));
          case "exit" -> exit = Integer.parseInt(value);
          case "expect" -> expects.add(value);
          case "why" -> why = value;
          case "replace" -> {
            int arrow = value.indexOf("=>");
            if (arrow < 0) {
              throw new IllegalArgumentException(where + ": replace wants 'from=>to', not '" + value + "'");
            }
            replaces.add(new Replace(value.substring(0, arrow), value.substring(arrow + 2)));
          }
          default -> throw new IllegalArgumentException(where + ": unknown doc-run field '" + key
              + "' (known: timeout, exit, expect, replace, why)");
        }
      }
      if (kind == Kind.LONG && why.isEmpty()) {
        throw new IllegalArgumentException(where + ": a long doc-run marker says why (why=...)");
      }
      return new Marker(kind, timeout, exit, List.copyOf(expects), List.copyOf(replaces), why);
    }
  }

  /** A fenced block: where it is, its language tag, its text, and its marker if any. */
  record Block(Path file, int line, String lang, List<String> lines, Optional<Marker> marker) {

    String where() {
      return file.getFileName() + ":" + line;
    }

    /** Whether a user is meant to type this block (so it must carry a marker). */
    boolean isCommand() {
      if (lang.equals("bash") || lang.equals("sh") || lang.equals("shell")) {
        return true;
      }
      if (!lang.isEmpty()) {
        return false;
      }
      String first = lines.stream().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst().orElse("");
      String word = first.split("\\s+")[0];
      return COMMAND_WORDS.contains(word) || word.startsWith("scripts/") || word.startsWith("docker/")
          || word.startsWith("./") || word.startsWith(".ci/");
    }

    /** The script the test runs: the replaces applied, the Maven lines (the build itself) left out. */
    String script() {
      StringBuilder out = new StringBuilder();
      boolean continuing = false;
      for (String line : lines) {
        boolean mavenLine = !continuing && line.strip().startsWith("mvn ");
        continuing = line.stripTrailing().endsWith("\\");
        if (!mavenLine) {
          out.append(line).append('\n');
        } else if (continuing) {
          throw new IllegalStateException(where() + ": a Maven line continued with \\ cannot be left out");
        }
      }
      String script = out.toString();
      for (Replace r : marker.orElseThrow().replaces()) {
        if (!script.contains(r.from())) {
          throw new IllegalStateException(where() + ": replace '" + r.from() + "' is not in the block");
        }
        script = script.replace(r.from(), r.to());
      }
      return script;
    }
  }

  /** Every fenced block of README.md and docs/*.md under {@code root}. */
  static DocBlocks read(Path root) {
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (Path file : files) {
      blocks.addAll(parse(file));
    }
    return new DocBlocks(root, List.copyOf(blocks));
  }

  static List<Block> parse(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher open = FENCE.matcher(lines.get(i));
      if (!open.matches()) {
        continue;
      }
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      Optional<Marker> marker = Optional.empty();
      if (i > 0) {
        Matcher m = MARKER.matcher(lines.get(i - 1).strip());
        if (m.matches()) {
          marker = Optional.of(Marker.parse(m.group(1), file.getFileName() + ":" + i));
        }
      }
      blocks.add(new Block(file, i + 1, open.group(1), List.copyOf(lines.subList(i + 1, end)), marker));
      i = end;
    }
    return blocks;
  }

  /** The repository root: the parent of the module the tests run in. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("README.md"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
