package io.redisrace.loader;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loader's end of the harness control channel: a TCP connection to 127.0.0.1:port opened by
 * the harness. Protocol, one JSON object per line:
 *
 * <pre>
 * loader -&gt; harness  {"loader":"A","pid":4242,"step":"rows-read","chunk":3,"rows":20,"first":61,"last":80}
 * harness -&gt; loader  go
 * </pre>
 *
 * Every event waits for its {@code go}: the harness holds the loader at a step simply by not
 * answering yet. When the harness goes away (EOF, error) the loader halts at once with exit code 4,
 * so a loader never outlives its harness.
 */
public final class ControlChannel implements StepHold {
  public static final int EXIT_HARNESS_GONE = 4;

  private final String loader;
  private final long pid;
  private final Socket socket;
  private final BufferedReader in;
  private final OutputStream out;

  public ControlChannel(String host, int port, String loader) throws IOException {
    this.loader = loader;
    this.pid = ProcessHandle.current().pid();
    this.socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 5000);
    this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    this.out = socket.getOutputStream();
  }

  @Override
  public void at(Step step, int chunk, Map<String, Object> detail) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("loader", loader);
    event.put("pid", pid);
    event.put("step", step.id());
    event.put("chunk", chunk);
    event.putAll(detail);
    try {
      out.write((json(event) + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      String reply = in.readLine();
      if (reply == null) {
        gone();
      }
    } catch (IOException e) {
      gone();
    }
  }

  private static void gone() {
    System.err.println("loader: the harness closed the control channel; stopping.");
    Runtime.getRuntime().halt(EXIT_HARNESS_GONE);
  }

  /** Flat JSON of strings, numbers and booleans. */
  static String json(Map<String, Object> map) {
    StringBuilder b = new StringBuilder("{");
    map.forEach((k, v) -> {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(escape(k)).append("\":");
      if (v instanceof Number || v instanceof Boolean) {
        b.append(v);
      } else {
        b.append('"').append(escape(String.valueOf(v))).append('"');
      }
    });
    return b.append('}').toString();
  }

  private static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
