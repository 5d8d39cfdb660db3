package io.redisrace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.loader.main.LoaderMain;
import io.redisrace.loader.SourceTable;
import io.redisrace.command.HarnessCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear sentence on stderr and exit code 2, for the chaos CLI and the loader. */
class ChaosCliTests {

  /** docs/chaos.md's list of run options names every option `run --help` shows. */
  @Test
  void theDocsListEveryRunOption() throws Exception {
    String docs = Files.readString(Path.of("..", "docs", "chaos.md"));
    String list = docs.substring(docs.indexOf("`run` options"), docs.indexOf("`trial` replays one trial"));
    List<String> missing = new CommandLine(new RunCommand()).getCommandSpec().options().stream()
        .map(o -> o.longestName())
        .filter(name -> !name.equals("--help") && !name.equals("--version"))
        .filter(name -> !list.contains("`" + name))
        .toList();
    assertThat(missing).as("run options missing from docs/chaos.md's option list").isEmpty();
  }
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result chaos(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = ChaosCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  static Result loader(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = HarnessCommandLine.commandLine(new LoaderMain(), new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  static void assertOneSentence(Result r, String... fragments) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    assertThat(r.err().strip()).endsWith(".").contains(fragments).doesNotContain("Exception", "\tat ");
  }

  @Test
  void unknownVariant() {
    assertOneSentence(chaos("run", "--variants", "plain,optimistic"), "Unknown loader variant 'optimistic'", "fenced");
    assertOneSentence(loader("--variant", "optimistic", "--jdbc", "jdbc:sqlite::memory:"), "Unknown loader variant 'optimistic'");
  }

  @Test
  void unknownFault() {
    assertOneSentence(chaos("run", "--faults", "sigkill-reading,meteor"), "Unknown fault 'meteor'", "reset_peer");
    assertOneSentence(chaos("trial", "--variant", "fenced", "--fault", "meteor", "--client", "jedis"), "Unknown fault 'meteor'");
  }

  @Test
  void loadersOutOfRangeAndBadConcurrency() {
    assertOneSentence(chaos("run", "--loaders", "9"), "--loaders must be between 1 and 8, not 9.");
    assertOneSentence(chaos("trial", "--variant", "fenced", "--fault", "none", "--client", "jedis", "--loaders", "0"),
        "--loaders must be between 1 and 8, not 0.");
    assertOneSentence(chaos("run", "--concurrency", "2,many"), "--concurrency takes loader counts like 2,4,8 or 'off', not 'many'.");
    assertOneSentence(chaos("run", "--concurrency", "12"), "--concurrency takes loader counts between 1 and 8, not 12.");
    assertOneSentence(chaos("run", "--skew-ms", "-5"), "--skew-ms must be 0 or more, not -5.");
  }

  @Test
  void helpListsTheFaultsAndTheConcurrencyOptions() {
    Result r = chaos("run", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--loaders=N", "--concurrency=N[,N...]|off", "--skew-ms=MS", "sigkill-reading", "lost_reply");
  }

  @Test
  void unknownClient() {
    assertOneSentence(chaos("run", "--clients", "redisson"), "Unknown client 'redisson'");
  }

  @Test
  void chunkSizeZero() {
    assertOneSentence(chaos("run", "--chunk-size", "0"), "--chunk-size must be at least 1, not 0.");
    Path db = SourceTable.generateSqlite(tmp.resolve("rows.db"), "rows", 5);
    assertOneSentence(loader("--variant", "fenced", "--jdbc", SourceTable.sqliteUrl(db), "--chunk-size", "0"),
        "--chunk-size must be at least 1, not 0.");
  }

  @Test
  void badSourceFlagsAreOneSentence() {
    assertOneSentence(chaos("run", "--source", "oracle"), "Unknown source 'oracle'; use sqlite, mariadb, postgres or a JDBC URL");
    assertOneSentence(chaos("trial", "--variant", "fenced", "--fault", "none", "--client", "lettuce", "--source", "oracle"), "Unknown source 'oracle'");
    assertOneSentence(chaos("run", "--source", "postgres", "--jdbc", "jdbc:sqlite::memory:"), "Give either --source or --jdbc");
    assertOneSentence(chaos("run", "--jdbc", "postgres"), "--jdbc takes a JDBC URL", "--source postgres");
    assertOneSentence(chaos("run", "--source", "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2"), "Cannot connect to the JDBC URL");
  }

  @Test
  void jdbcUrlThatDoesNotConnect() {
    String url = "jdbc:postgresql://127.0.0.1:1/nowhere?connectTimeout=2";
    assertOneSentence(chaos("run", "--jdbc", url), "Cannot connect to the JDBC URL", "check the URL");
    assertOneSentence(loader("--variant", "fenced", "--jdbc", url), "Cannot connect to the JDBC URL");
    assertOneSentence(loader("--variant", "fenced", "--jdbc", "jdbc:nosuchdb:x"), "Cannot connect to the JDBC URL");
  }

  @Test
  void redisThatIsNotThereIsOneSentenceAndExitTwoForEveryClient() {
    Path db = SourceTable.generateSqlite(tmp.resolve("rows.db"), "rows", 5);
    int port = io.redisrace.process.Ports.freePort();
    for (String client : new String[] {"jedis", "jedis-retry", "lettuce", "lettuce-at-most-once"}) {
      assertOneSentence(loader("--variant", "fenced", "--client", client, "--redis", "127.0.0.1:" + port, "--jdbc", SourceTable.sqliteUrl(db)),
          "redis-race-loader: cannot connect to Redis at 127.0.0.1:" + port + " (connection refused); start a redis-server there",
          "or pass --redis HOST:PORT.");
    }
  }

  @Test
  void anUnknownCommandIsOneSentenceAndExitTwoEvenWithHelp() {
    assertOneSentence(chaos("replay", "--help"), "redis-race-chaos: unknown command 'replay'; the commands are run, trial, gate, table.");
    assertOneSentence(chaos("replay"), "unknown command 'replay'");
  }

  @Test
  void withARunDirChaosJsonJoinsThatRunAndLeavesNoDirectoryOfItsOwn() throws Exception {
    Path own = java.nio.file.Files.createDirectories(tmp.resolve("runs/20260101T000000Z"));
    Path file = java.nio.file.Files.writeString(own.resolve("chaos.json"), "{}");
    Path bench = java.nio.file.Files.createDirectories(tmp.resolve("runs/20260101T000001Z"));
    Path moved = RunCommand.intoRunDir(file, tmp.resolve("runs/../runs/20260101T000001Z"));
    assertThat(moved).isEqualTo(bench.resolve("chaos.json").toAbsolutePath()).hasContent("{}");
    assertThat(own).doesNotExist();
  }

  @Test
  void versionNamesThisCommandLine() {
    Result r = chaos("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("redis-race-chaos ");
  }

  @Test
  void emptyTable() {
    Path db = SourceTable.generateSqlite(tmp.resolve("empty.db"), "rows", 0);
    assertOneSentence(chaos("run", "--jdbc", SourceTable.sqliteUrl(db)), "is empty");
    assertOneSentence(loader("--variant", "plain", "--jdbc", SourceTable.sqliteUrl(db)), "is empty");
  }

  @Test
  void missingTable() {
    Path db = SourceTable.generateSqlite(tmp.resolve("rows.db"), "rows", 5);
    assertOneSentence(loader("--variant", "plain", "--jdbc", SourceTable.sqliteUrl(db), "--table", "orders"),
        "Cannot read table orders(id, payload)");
  }

  @Test
  void unknownMode() {
    assertOneSentence(chaos("run", "--mode", "medium"), "Unknown mode 'medium'; use quick or full.");
  }

  @Test
  void gateOnAFileThatIsNoChaosJson() {
    assertOneSentence(chaos("gate", tmp.resolve("nope.json").toString()), "No chaos.json at");
  }
}
