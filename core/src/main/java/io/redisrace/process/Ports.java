package io.redisrace.process;

import io.redisrace.HarnessException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

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

  /**
   * A free port below Linux's ephemeral range (32768 and up), whose port + each of {@code alsoFree}
   * is free too: where the many outgoing connections of a run (clients, Toxiproxy) cannot take it
   * while a server that restarts on it is down (a topology's nodes; a cluster node's bus port).
   */
  public static int freeBelowEphemeral(int... alsoFree) {
    for (int i = 0; i < 200; i++) {
      int p = 12000 + ThreadLocalRandom.current().nextInt(10000);
      if (bindable(p) && Arrays.stream(alsoFree).allMatch(o -> bindable(p + o))) {
        return p;
      }
    }
    throw new HarnessException("Found no free port on " + LOOPBACK + " between 12000 and 22000" + (alsoFree.length > 0 ? " whose cluster bus port is free too." : "."));
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
