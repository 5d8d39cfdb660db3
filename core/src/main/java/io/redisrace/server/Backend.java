package io.redisrace.server;

import io.redisrace.HarnessException;
import io.redisrace.HasId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Where the harness runs the servers it starts. Chosen with {@code -Dharness.backend=...} (or the
 * environment variable {@code REDIS_RACE_BACKEND}, which JMH forks and loader processes inherit),
 * or {@code --backend} on every CLI; the default is {@code embedded}.
 *
 * <ul>
 *   <li>{@code embedded}: redis-server processes from the binaries shipped in the Maven jars (and
 *       {@code system}), toxiproxy-server as found by the ToxiproxyLocator;</li>
 *   <li>{@code docker}: Testcontainers: the bare ids run their official image
 *       ({@code 2.8} is {@code redis:2.8.19}), Toxiproxy runs {@code ghcr.io/shopify/toxiproxy};</li>
 *   <li>{@code external}: the harness starts nothing: every server is a {@code redis://} URL;</li>
 *   <li>{@code auto}: embedded for the shipped versions, docker for {@code docker:} images when
 *       Docker is reachable; without Docker an image of a shipped version falls back to the
 *       embedded binary. It says what it picked, one line on stderr.</li>
 * </ul>
 * A {@code redis://} or {@code docker:} server id always says where it runs, whatever the backend.
 */
public enum Backend implements HasId {
  EMBEDDED,
  DOCKER,
  EXTERNAL,
  AUTO;

  public static final String PROPERTY = "harness.backend";
  public static final String ENV = "REDIS_RACE_BACKEND";
  public static final String ACCEPTED = "embedded, docker, external or auto";

  private static final Set<String> SAID = ConcurrentHashMap.newKeySet();
  private static final Map<Class<?>, List<? extends BackendLauncher>> LAUNCHERS = new ConcurrentHashMap<>();

  @Override
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Backend parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return HasId.byId(Backend.class, t).orElseThrow(() -> HasId.unknown("backend", text, ACCEPTED));
  }

  /** {@code -Dharness.backend}, else {@code $REDIS_RACE_BACKEND}, else embedded. */
  public static Backend configured() {
    String prop = System.getProperty(PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return parse(prop);
    }
    String env = System.getenv(ENV);
    return env != null && !env.isBlank() ? parse(env) : EMBEDDED;
  }

  /** Where one server will run: a process, a container (with its image) or an external server. */
  public record Choice(Backend backend, ServerSpec spec, Optional<String> image) {}

  /** Decides where {@code spec} runs under this backend; AUTO says its pick once per server on stderr. */
  public Choice choose(ServerSpec spec) {
    return choose(spec, () -> DOCKER.launcher(RedisLauncher.class).unavailable());
  }

  /**
   * {@link #choose(ServerSpec)} with the Docker probe as a parameter, for tests: it answers why
   * Docker is not reachable, or empty when it is. AUTO alone asks it.
   */
  Choice choose(ServerSpec spec, Supplier<Optional<String>> dockerUnreachable) {
    ServerKind kind = spec.kind();
    if (kind == ServerKind.EXTERNAL) {
      return new Choice(EXTERNAL, spec, Optional.empty());
    }
    if (spec.embedded()) {
      return new Choice(EMBEDDED, spec, Optional.empty());
    }
    if (kind == ServerKind.DOCKER) {
      Optional<String> unreachable = this == AUTO ? dockerUnreachable.get() : Optional.empty();
      if (unreachable.isEmpty()) {
        if (this == AUTO) {
          say("backend auto: " + spec.id() + " runs in Docker.");
        }
        return new Choice(DOCKER, spec, spec.image());
      }
      Optional<ServerKind> same = shippedKindOf(spec.image().orElseThrow());
      if (same.isPresent()) {
        say("backend auto: Docker is not reachable (" + unreachable.get() + "), so " + spec.id()
            + " falls back to the embedded Redis " + same.get().promisedVersion().orElseThrow() + " binary.");
        return new Choice(EMBEDDED, ServerSpec.of(same.get()), Optional.empty());
      }
      throw new HarnessException("Server " + spec.id() + " needs Docker, which is not reachable ("
          + unreachable.get() + "); start Docker, or use 2.8, 6.2 or 7.0.");
    }
    return switch (this) {
      case EMBEDDED -> new Choice(EMBEDDED, spec, Optional.empty());
      case AUTO -> {
        say("backend auto: " + spec.id() + " runs embedded (" + (kind == ServerKind.SYSTEM ? "redis-server on PATH"
            : kind == ServerKind.INSTALLED ? "the installed " + spec.installed().orElseThrow() + " binary"
            : "the Redis " + kind.promisedVersion().orElseThrow() + " binary shipped in the jar") + ").");
        yield new Choice(EMBEDDED, spec, Optional.empty());
      }
      case DOCKER -> new Choice(DOCKER, spec, Optional.of(kind.dockerImage().orElseThrow(() -> new HarnessException(
          "Server id '" + spec.id() + "' has no image for the docker backend; name one, like --server docker:redis:7.0.15."))));
      case EXTERNAL -> throw new HarnessException(
          "The external backend starts no server, so '" + spec.id() + "' cannot run; pass --server redis://host:port.");
    };
  }

  /** The shipped id whose official image this is (redis:2.8.19 is 2.8), if any. */
  static Optional<ServerKind> shippedKindOf(String image) {
    String i = image.startsWith("docker.io/library/") ? image.substring("docker.io/library/".length()) : image;
    return Arrays.stream(ServerKind.shipped()).filter(k -> k.dockerImage().orElseThrow().equals(i)).findFirst();
  }

  private static void say(String line) {
    if (SAID.add(line)) {
      System.err.println("[redis-race] " + line);
    }
  }

  /**
   * The launcher of {@code type} for this backend, from {@code META-INF/services/<type>}. AUTO
   * has none of its own: {@link #choose} turns it into embedded or docker first.
   */
  public <L extends BackendLauncher> L launcher(Class<L> type) {
    List<? extends BackendLauncher> all = LAUNCHERS.computeIfAbsent(type,
        t -> ServiceLoader.load(type, type.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList());
    return all.stream()
        .filter(l -> l.backend() == this)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new HarnessException("No " + type.getSimpleName() + " for the " + id() + " backend is on the classpath."));
  }

  /** The accepted ids, for help texts. */
  public static String ids() {
    return HasId.ids(Backend.class);
  }
}
