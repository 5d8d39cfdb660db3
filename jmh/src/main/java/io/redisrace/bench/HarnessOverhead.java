package io.redisrace.bench;

import io.redisrace.client.ClientMode;
import io.redisrace.counter.Scripts;
import io.redisrace.process.ChildProcess;
import io.redisrace.process.HarnessDirs;
import io.redisrace.server.RedisServer;
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
import redis.clients.jedis.Jedis;

/**
 * The harness's own cost: how close does one Jedis connection driving the {@code lua} counter
 * come to {@code redis-benchmark -c 1} sending EVALSHA of the very same script to a server of the
 * same version? The report divides the JMH single-thread {@code lua} score by this number (target
 * at least 0.9). redis-benchmark comes from Debian's redis-tools; when it is not on PATH the
 * figure is measured against {@link #REFERENCE_CLIENT} instead, and overhead.json says which.
 */
public final class HarnessOverhead {

  /** What redis-benchmark measured, or why it did not. */
  public record Result(boolean measured, String reason, String server, String serverVersion, String tool, String command,
                       List<Double> requestsPerSecond) {

    public double meanRequestsPerSecond() {
      return requestsPerSecond.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static Result notMeasured(String reason) {
      return new Result(false, reason, null, null, null, null, List.of());
    }
  }

  private static final Pattern RPS = Pattern.compile("([0-9]+(?:\\.[0-9]+)?) requests per second");

  private HarnessOverhead() {}

  /**
   * Runs {@code redis-benchmark -c 1 -n requests EVALSHA <sha> 1 key ttlMs} {@code repeats} times
   * against a fresh server {@code serverId}.
   */
  public static Result measure(String serverId, String key, long ttlMs, int requests, int repeats) {
    Optional<Path> tool = HarnessDirs.onPath("redis-benchmark");
    if (tool.isEmpty()) {
      return measureWithReferenceClient(serverId, key, ttlMs, requests, repeats);
    }
    String version = toolVersion(tool.get());
    try (RedisServer redis = RedisServer.start(serverId)) {
      String sha;
      try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
        sha = jedis.scriptLoad(Scripts.COUNTER);
      }
      List<String> cmd = List.of(tool.get().toString(), "-h", redis.host(), "-p", Integer.toString(redis.port()), "-c", "1",
          "-n", Integer.toString(requests), "-q", "EVALSHA", sha, "1", key, Long.toString(ttlMs));
      List<Double> rps = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        Optional<Double> one = runOnce(cmd);
        if (one.isEmpty()) {
          return Result.notMeasured("redis-benchmark printed no 'requests per second' line (" + String.join(" ", cmd) + ").");
        }
        rps.add(one.get());
      }
      return new Result(true, null, serverId, redis.version().toString(), version,
          "redis-benchmark -c 1 -n " + requests + " -q EVALSHA <sha1 of Scripts.COUNTER> 1 " + key + " " + ttlMs, rps);
    }
  }

  /** What the figure is measured against without redis-benchmark (overhead.json "tool"). */
  public static final String REFERENCE_CLIENT = "the harness's reference client (raw RESP on one socket, no client library)";

  /**
   * Without redis-benchmark: the cheapest client there is, {@link #REFERENCE_CLIENT}, sending the
   * same EVALSHA one request at a time on one connection, as {@code redis-benchmark -c 1} does.
   */
  static Result measureWithReferenceClient(String serverId, String key, long ttlMs, int requests, int repeats) {
    try (RedisServer redis = RedisServer.start(serverId)) {
      String sha;
      try (Jedis jedis = ClientMode.jedis(redis.host(), redis.port())) {
        sha = jedis.scriptLoad(Scripts.COUNTER);
      }
      byte[] request = resp("EVALSHA", sha, "1", key, Long.toString(ttlMs));
      List<Double> rps = new ArrayList<>();
      try (java.net.Socket socket = new java.net.Socket(redis.host(), redis.port())) {
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        java.io.OutputStream out = socket.getOutputStream();
        java.io.InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
        for (int i = 0; i < requests / 10; i++) { // warm-up, as the JMH cell has one
          roundTrip(out, in, request);
        }
        for (int r = 0; r < repeats; r++) {
          long start = System.nanoTime();
          for (int i = 0; i < requests; i++) {
            roundTrip(out, in, request);
          }
          rps.add(requests / ((System.nanoTime() - start) / 1e9));
        }
      } catch (IOException e) {
        return Result.notMeasured("The reference client failed against Redis " + serverId + " (" + e.getMessage() + ").");
      }
      return new Result(true, null, serverId, redis.version().toString(), REFERENCE_CLIENT,
          "EVALSHA <sha1 of Scripts.COUNTER> 1 " + key + " " + ttlMs + ", " + requests + " requests one at a time on one connection"
              + " (redis-benchmark was not on PATH)", rps);
    }
  }

  /** A RESP array of bulk strings. */
  static byte[] resp(String... args) {
    StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
    for (String a : args) {
      b.append('$').append(a.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    }
    return b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Sends one request and reads its whole reply (the counter script's: an array of two integers); an error reply fails. */
  static void roundTrip(java.io.OutputStream out, java.io.InputStream in, byte[] request) throws IOException {
    out.write(request);
    out.flush();
    readReply(in);
  }

  private static void readReply(java.io.InputStream in) throws IOException {
    int type = in.read();
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\r'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the server closed the connection");
      }
      line.append((char) c);
    }
    in.read(); // \n
    switch (type) {
      case ':', '+' -> { }
      case '*' -> {
        for (int i = Integer.parseInt(line.toString()); i > 0; i--) {
          readReply(in);
        }
      }
      case '$' -> {
        int n = Integer.parseInt(line.toString());
        if (n >= 0 && in.readNBytes(n + 2).length != n + 2) {
          throw new IOException("the server closed the connection");
        }
      }
      default -> throw new IOException("the server answered " + (char) type + line);
    }
  }

  private static Optional<Double> runOnce(List<String> cmd) {
    Path dir = HarnessDirs.newWorkDir("redis-benchmark-");
    Path log = dir.resolve("out.log");
    try (ChildProcess p = ChildProcess.start("redis-benchmark", cmd, dir, log, Map.of())) {
      if (p.waitFor(Duration.ofSeconds(120)).isEmpty()) {
        return Optional.empty();
      }
      Matcher m = RPS.matcher(Files.readString(log));
      Double last = null;
      while (m.find()) {
        last = Double.valueOf(m.group(1));
      }
      return Optional.ofNullable(last);
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      HarnessDirs.deleteTree(dir);
    }
  }

  private static String toolVersion(Path tool) {
    try {
      Process p = new ProcessBuilder(tool.toString(), "--version").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).strip();
      p.waitFor();
      return out;
    } catch (IOException e) {
      return "redis-benchmark";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "redis-benchmark";
    }
  }
}
