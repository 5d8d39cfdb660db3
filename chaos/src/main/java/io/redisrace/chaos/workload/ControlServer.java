package io.redisrace.chaos.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisrace.chaos.history.History;
import io.redisrace.loader.Step;
import io.redisrace.process.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The harness end of the loaders' control channel (see {@link io.redisrace.loader.ControlChannel}):
 * a TCP server on 127.0.0.1 that reads each loader's events and answers {@code go}, unless the
 * loader's {@link LoaderHandle} holds it. Closing the server closes every channel, which makes the
 * loaders halt.
 */
public final class ControlServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket server;
  private final Map<String, LoaderHandle> handles = new ConcurrentHashMap<>();
  private final Map<Socket, Boolean> sockets = new ConcurrentHashMap<>();
  private final Thread acceptor;
  private volatile String lastUnknownGarbage;

  public ControlServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getByName(Ports.LOOPBACK));
    acceptor = new Thread(this::acceptLoop, "control-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public String address() {
    return Ports.LOOPBACK + ":" + server.getLocalPort();
  }

  /** A handle for a loader that will report under {@code id}. */
  public LoaderHandle register(String id, String process, History history) {
    LoaderHandle h = new LoaderHandle(id, process, history);
    handles.put(id, h);
    return h;
  }

  public void unregister(LoaderHandle h) {
    handles.remove(h.id());
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        sockets.put(s, Boolean.TRUE);
        Thread t = new Thread(() -> serve(s), "control-" + s.getPort());
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
      OutputStream out = s.getOutputStream();
      String line;
      String loader = null; // the text protocol's loader, from its hello line
      while ((line = in.readLine()) != null) {
        Event e;
        try {
          e = line.startsWith("{") ? parse(line) : TextEvents.parse(line, loader);
        } catch (IOException | RuntimeException bad) {
          LoaderHandle h = loader == null ? null : handles.get(loader);
          String what = "wrote garbage to the control socket: '" + TextEvents.clip(line) + "' (" + bad.getMessage() + ")";
          if (h != null) {
            h.problem(what);
          } else {
            lastUnknownGarbage = what;
          }
          return; // closing the socket: the loader sees EOF and stops (exit 4)
        }
        loader = e.loader();
        LoaderHandle h = handles.get(e.loader());
        if (h != null) {
          h.onEvent(e);
        }
        out.write("go\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
      }
    } catch (IOException ignored) {
      // loader died or was killed: its handle sees the exit
    } finally {
      sockets.remove(s);
    }
  }

  /** The last unreadable line of a connection that never said which loader it is (null: none). */
  public String lastUnknownGarbage() {
    return lastUnknownGarbage;
  }

  @SuppressWarnings("unchecked")
  static Event parse(String line) throws IOException {
    Map<String, Object> m = JSON.readValue(line, Map.class);
    Step step = Step.byId(String.valueOf(m.get("step"))).orElseThrow(() -> new IOException("unknown step in " + line));
    return new Event(String.valueOf(m.get("loader")), step, ((Number) m.getOrDefault("chunk", -1)).intValue(), Map.copyOf(nonNull(m)));
  }

  private static Map<String, Object> nonNull(Map<String, Object> m) {
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v != null) {
        copy.put(k, v);
      }
    });
    return copy;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    sockets.keySet().forEach(s -> {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    });
  }
}
