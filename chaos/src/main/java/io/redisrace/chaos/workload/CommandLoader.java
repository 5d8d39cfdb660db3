package io.redisrace.chaos.workload;

import io.redisrace.HarnessException;
import io.redisrace.loader.ChunkStore;
import io.redisrace.loader.LoaderKeys;
import io.redisrace.loader.LoaderVariant;
import io.redisrace.loader.Step;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A black-box loader: any program, given by its command line ({@code --loader-cmd}), run as loader
 * A, as the competitors and as the supervisor's restarts, each its own OS process under the reaper
 * (docs/your-loader.md has the contract). To the schedule, the faults and the report it is one more
 * loader variant, whose id is its name ({@code --loader-name}, the row label of the heat table); the
 * {@link LoaderLauncher} starts it with {@link #command()} and {@link #env} instead of
 * {@code LoaderMain}.
 *
 * @param name       id in flags, records and reports
 * @param commandLine the program and its arguments, run by {@code /bin/sh -c 'exec ...'}
 * @param steps      the steps it reports before its commit when it opts in to step events, in order
 *                   (empty: it does not opt in; faults then strike it at a seeded time)
 * @param marks      whether it marks finished chunks in the done bitmap (as {@code bitmap} does)
 */
public record CommandLoader(String name, String commandLine, List<Step> steps, boolean marks) implements LoaderVariant {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._\\-]{0,40}");

  public CommandLoader {
    if (!NAME.matcher(name).matches()) {
      throw new HarnessException("--loader-name must be 1-41 lower-case letters, digits, '.', '_' and '-' (a row label), not '" + name + "'.");
    }
    if (commandLine.isBlank()) {
      throw new HarnessException("--loader-cmd needs a command line, e.g. 'python3 examples/loaders/python/seed_step3.py'.");
    }
    steps = List.copyOf(steps);
    if (!steps.isEmpty() && steps.get(steps.size() - 1) != Step.ROWS_READ) {
      throw new HarnessException("--loader-steps must end with rows-read (the last step before the commit), not " + steps + ".");
    }
  }

  /** The name a loader gets when --loader-name is not given: the program's file name, lower-cased. */
  public static String defaultName(String commandLine) {
    String[] words = commandLine.trim().split("\\s+");
    String last = words[words.length - 1];
    String base = last.substring(last.lastIndexOf('/') + 1).replaceFirst("\\.[A-Za-z0-9]+$", "").toLowerCase(java.util.Locale.ROOT);
    String n = base.replaceAll("[^a-z0-9._\\-]", "-").replaceAll("^[^a-z0-9]+", "");
    return n.isEmpty() ? "loader" : n.substring(0, Math.min(41, n.length()));
  }

  /** The command line with each path cut to its file name, for a row label: {@code python3 seed_fenced.py}. */
  public String program() {
    List<String> words = new java.util.ArrayList<>();
    for (String w : commandLine.trim().split("\\s+")) {
      words.add(w.substring(w.lastIndexOf('/') + 1));
    }
    String p = String.join(" ", words);
    return p.length() <= 48 ? p : p.substring(0, 47) + "…";
  }

  /** Whether the program reports its steps over the control socket and waits for {@code go}. */
  public boolean optsIn() {
    return !steps.isEmpty();
  }

  @Override
  public String id() {
    return name;
  }

  @Override
  public String summary() {
    return "your program: " + commandLine;
  }

  @Override
  public boolean marksChunks() {
    return marks;
  }

  /** The steps it reports; one that does not opt in is struck at a seeded time, nominally "rows-read". */
  @Override
  public List<Step> stepsBeforeCommit() {
    return optsIn() ? steps : List.of(Step.ROWS_READ);
  }

  /** Assumed to commit as the seed does, MULTI; LPUSH; SETBIT; EXEC (a script has 0: its only reply is the ack). */
  @Override
  public long commitRepliesBeforeAck() {
    return ChunkStore.MULTI_REPLY_BYTES + (marks ? 2 : 1) * ChunkStore.QUEUED_REPLY_BYTES;
  }

  @Override
  public Claim claim(ChunkSteps chunk) {
    throw new UnsupportedOperationException(name + " is a program of its own: the launcher runs it");
  }

  @Override
  public boolean commit(ChunkStore store, LoaderKeys keys, int chunk, List<String> rows) {
    throw new UnsupportedOperationException(name + " is a program of its own: the launcher runs it");
  }

  /**
   * The process, run in {@code dir} (the harness's working directory, so that relative paths in the
   * command line work as typed): {@code exec}, so that the reaper's child (and every signal) is the
   * program itself, not a shell.
   */
  public List<String> command(java.nio.file.Path dir) {
    return List.of("/bin/sh", "-c", "cd '" + dir.toAbsolutePath().toString().replace("'", "'\\''") + "' && exec " + commandLine);
  }

  /** The flags of {@code trial} that bring this loader back (its replay). */
  public String flags() {
    return " --loader-cmd '" + commandLine.replace("'", "'\\''") + "' --loader-name " + name
        + (optsIn() ? " --loader-steps " + String.join(",", steps.stream().map(Step::id).toList()) : "")
        + (marks ? "" : " --loader-marks false");
  }

  /**
   * The environment of one run (docs/your-loader.md, "Environment"): {@code spec} says where it
   * writes and reads, {@code id} is its name on the control socket, {@code process} its name in the
   * history (A, A'1, B), {@code control} the socket's address (set only when it opts in).
   */
  public Map<String, String> env(LoaderSpec spec, String id, String process, String control) {
    Map<String, String> e = new LinkedHashMap<>();
    LoaderKeys keys = new LoaderKeys(spec.keyPrefix());
    e.put("REDIS_RACE_REDIS", spec.host() + ":" + spec.port());
    e.put("REDIS_RACE_REDIS_HOST", spec.host());
    e.put("REDIS_RACE_REDIS_PORT", Integer.toString(spec.port()));
    String url = spec.workload().jdbcUrl();
    e.put("REDIS_RACE_JDBC_URL", url);
    if (url.startsWith("jdbc:sqlite:")) {
      e.put("REDIS_RACE_SOURCE_KIND", "sqlite");
      e.put("REDIS_RACE_SOURCE_PATH", url.substring("jdbc:sqlite:".length()));
    } else {
      e.put("REDIS_RACE_SOURCE_KIND", url.replaceFirst("^jdbc:([a-z0-9]+):.*$", "$1"));
      e.put("REDIS_RACE_SOURCE_DSN", url.substring("jdbc:".length()));
      SourceEnv.putParts(url, e);
    }
    e.put("REDIS_RACE_TABLE", spec.workload().table());
    e.put("REDIS_RACE_CHUNK_SIZE", Integer.toString(spec.workload().chunkSize()));
    e.put("REDIS_RACE_LIST_KEY", keys.list());
    e.put("REDIS_RACE_DONE_KEY", keys.done());
    e.put("REDIS_RACE_LOCK_PREFIX", keys.lockName(0).substring(0, keys.lockName(0).length() - "chunk_0".length()));
    e.put("REDIS_RACE_START_CHUNK", Integer.toString(spec.startChunk()));
    e.put("REDIS_RACE_TIMEOUT_MS", Long.toString(spec.timeoutMs()));
    e.put("REDIS_RACE_CLIENT", spec.client().id());
    e.put("REDIS_RACE_LOADER_NAME", name);
    e.put("REDIS_RACE_LOADER_ID", id);
    e.put("REDIS_RACE_PROCESS", process);
    if (optsIn() && control != null) {
      e.put("REDIS_RACE_CONTROL", control);
    }
    if (spec.sentinel() != null) { // topology sentinel: ask these for the primary; REDIS_RACE_REDIS is the first Sentinel
      e.put("REDIS_RACE_SENTINELS", spec.sentinel().sentinelsText());
      e.put("REDIS_RACE_MASTER_NAME", spec.sentinel().masterName());
      e.put("REDIS_RACE_NODE_MAP", spec.sentinel().nodeMapText());
    }
    if (spec.cluster() != null) { // topology cluster: seed nodes of a cluster client; REDIS_RACE_REDIS is the first seed
      e.put("REDIS_RACE_CLUSTER", spec.cluster().seedsText());
      e.put("REDIS_RACE_NODE_MAP", spec.cluster().mapText());
    }
    return e;
  }
}
