package io.redisrace.report;

import io.redisrace.HarnessException;
import io.redisrace.server.RedisVersion;
import io.redisrace.server.ServerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server column of an expectations line: {@code *}, one server id ({@code 2.8},
 * {@code 6.0.9}, {@code valkey-9.1.2}), or Redis version ranges joined by {@code +}:
 * {@code <6.0.15}, {@code >=7.2}, {@code 6.2.0..6.2.5} (from the first, up to but not including the
 * second). A range matches a cell by the Redis version its server id promises (Valkey promises the
 * 7.2.4 it forked from; {@code docker:redis:<tag>} its tag; {@code cluster:7.0} and {@code sentinel:7.0}
 * the version of their nodes); a cell whose server promises no version
 * ({@code system}, {@code external}) matches {@code *} and its own id only.
 */
record ServerRange(String text, Optional<String> id, List<Bound> ranges) {
  private static final Pattern ONE = Pattern.compile("(<=|<|>=|>)(\\d+\\.\\d+(?:\\.\\d+)?)|(\\d+\\.\\d+(?:\\.\\d+)?)\\.\\.(\\d+\\.\\d+(?:\\.\\d+)?)");
  private static final Pattern TOPOLOGY = Pattern.compile("^(cluster|sentinel):");
  private static final Pattern DOCKER_TAG = Pattern.compile("docker:(?:docker\\.io/library/)?(?:redis|valkey/valkey):(\\d+\\.\\d+(?:\\.\\d+)?)");

  /** [from, to) with open ends as null. */
  record Bound(RedisVersion from, boolean fromInclusive, RedisVersion to, boolean toInclusive) {
    boolean contains(RedisVersion v) {
      int lo = from == null ? 1 : v.compareTo(from);
      int hi = to == null ? -1 : v.compareTo(to);
      return (fromInclusive ? lo >= 0 : lo > 0) && (toInclusive ? hi <= 0 : hi < 0);
    }
  }

  /** Parses the column; a typo (neither *, a known server id, nor ranges) fails with one sentence naming the line. */
  static ServerRange parse(String text, String where) {
    if (text.equals("*")) {
      return new ServerRange(text, Optional.empty(), List.of());
    }
    if (!text.matches("[<>]=?.*|\\d+\\.\\d+(\\.\\d+)?\\.\\..*") ) {
      try {
        return new ServerRange(text, Optional.of(ServerSpec.parse(text).id()), List.of());
      } catch (HarnessException e) {
        throw new HarnessException(where + ": server '" + text + "' is neither *, a server id (2.8, 6.0.9, valkey-9.1.2) nor version"
            + " ranges like <6.0.15+6.2.0..6.2.5 or >=7.2.");
      }
    }
    List<Bound> ranges = new ArrayList<>();
    for (String part : text.split("\\+")) {
      Matcher m = ONE.matcher(part);
      if (!m.matches()) {
        throw new HarnessException(where + ": '" + part + "' is not a version range; write <6.0.15, >=7.2 or 6.2.0..6.2.5.");
      }
      if (m.group(1) != null) {
        RedisVersion v = RedisVersion.parse(m.group(2));
        ranges.add(switch (m.group(1)) {
          case "<" -> new Bound(null, false, v, false);
          case "<=" -> new Bound(null, false, v, true);
          case ">" -> new Bound(v, false, null, false);
          default -> new Bound(v, true, null, false);
        });
      } else {
        RedisVersion from = RedisVersion.parse(m.group(3));
        RedisVersion to = RedisVersion.parse(m.group(4));
        if (from.compareTo(to) >= 0) {
          throw new HarnessException(where + ": range '" + part + "' is empty; the first version must be below the second.");
        }
        ranges.add(new Bound(from, true, to, false));
      }
    }
    return new ServerRange(text, Optional.empty(), List.copyOf(ranges));
  }

  boolean matches(String unpinnedServer) {
    if (text.equals("*")) {
      return true;
    }
    if (id.isPresent()) {
      return id.get().equals(unpinnedServer) || id.get().equals(idOf(unpinnedServer));
    }
    return versionOf(unpinnedServer).map(v -> ranges.stream().anyMatch(b -> b.contains(v))).orElse(false);
  }

  /** The Redis version a server id promises, if any. */
  static Optional<RedisVersion> versionOf(String topologyServer) {
    // cluster:7.0 and sentinel:7.0 run Redis 7.0 in a topology: the same Redis history holds there.
    String server = TOPOLOGY.matcher(topologyServer).replaceFirst("");
    Matcher d = DOCKER_TAG.matcher(server);
    if (d.matches()) {
      return server.contains("valkey") ? Optional.of(RedisVersion.parse("7.2.4")) : Optional.of(RedisVersion.parse(d.group(1)));
    }
    try {
      return ServerSpec.parse(server).promisedVersion();
    } catch (HarnessException e) {
      return Optional.empty();
    }
  }

  private static String idOf(String server) {
    try {
      return ServerSpec.parse(server).id();
    } catch (HarnessException e) {
      return server;
    }
  }
}
