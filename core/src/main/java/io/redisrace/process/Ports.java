package io.redisrace.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback ports: a free one to listen on, and whether something answers on one. */
public final class Ports {
  public static final String LOOPBACK = "127.0.0.1";

  private Ports() {}

  /**
   * A port that was free on 127.0.0.1 a moment ago. Another process may take it before we bind it,
   * so callers that start a server retry with a new port when the bind fails.
   */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port on " + LOOPBACK, e);
    }
  }

  /** True when a TCP connection to host:port is accepted within the timeout. */
  public static boolean accepts(String host, int port, int timeoutMs) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMs);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
