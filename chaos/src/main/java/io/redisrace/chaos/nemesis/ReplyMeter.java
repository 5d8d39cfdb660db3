package io.redisrace.chaos.nemesis;

import io.redisrace.process.Ports;
import io.redisrace.toxi.RedisProxy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a fault that cuts by bytes ({@code limit_data}) really cut: a relay on the loopback
 * in front of loader A's proxy, which A connects to instead of the proxy (for trials of a fault
 * whose {@link Fault#countsReplyBytes()} is true). Each connection is relayed byte for byte, and
 * the meter counts per connection the reply bytes the proxy passed down to A since {@link #arm},
 * and sees who closed it first. A connection that reached the toxic's limit, or that the proxy
 * closed before A did, while armed, was cut: the toxic reached its limit and closed it (Redis
 * closes no client, and nothing else closes A's proxy connections while the fault holds). A
 * relayed close is a FIN both ways, as the proxy's own.
 */
public final class ReplyMeter implements AutoCloseable {
  private static final Map<String, ReplyMeter> BY_PROXY = new ConcurrentHashMap<>();

  private final String name;
  private final String upstreamHost;
  private final int upstreamPort;
  private final ServerSocket server;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private volatile boolean armed;
  private volatile long limit = Long.MAX_VALUE;

  /**
   * What the meter saw while armed: whether a connection was cut, the most reply bytes one
   * connection passed, and how many connections carried replies.
   */
  public record Reading(boolean cut, long maxBytes, int connections) {}

  /** A meter named {@code name} relaying to {@code host:port} (A's proxy). */
  ReplyMeter(String name, String host, int port) throws IOException {
    this.name = name;
    this.upstreamHost = host;
    this.upstreamPort = port;
    this.server = new ServerSocket(0, 50, InetAddress.getByName(Ports.LOOPBACK));
    Thread t = new Thread(this::accept, "reply-meter " + name);
    t.setDaemon(true);
    t.start();
  }

  /** A meter in front of {@code proxy} when {@code fault} counts reply bytes, else null (A connects to the proxy). */
  public static ReplyMeter forFault(Fault fault, RedisProxy proxy) {
    if (!fault.countsReplyBytes()) {
      return null;
    }
    try {
      ReplyMeter m = new ReplyMeter(proxy.name(), proxy.host(), proxy.port());
      BY_PROXY.put(proxy.name(), m);
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The meter in front of {@code proxy}, if its trial has one. */
  public static Optional<ReplyMeter> of(RedisProxy proxy) {
    return Optional.ofNullable(BY_PROXY.get(proxy.name()));
  }

  public String host() {
    return Ports.LOOPBACK;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Starts counting, for a toxic that lets {@code limitBytes} through per connection: every connection from 0. */
  public void arm(long limitBytes) {
    limit = limitBytes;
    links.forEach(l -> l.atArm = l.down.get());
    armed = true;
  }

  /** Stops counting (after the heal) and says what happened while armed. */
  public Reading disarm() {
    armed = false;
    long max = 0;
    boolean cut = false;
    int n = 0;
    for (Link l : links) {
      long bytes = l.down.get() - l.atArm;
      if (bytes > 0 || l.cut) {
        n++;
        max = Math.max(max, bytes);
        cut |= l.cut || bytes >= limit;
      }
    }
    return new Reading(cut, max, n);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket up = new Socket();
        try {
          up.connect(new InetSocketAddress(upstreamHost, upstreamPort), 2000);
        } catch (IOException e) {
          client.close();
          continue;
        }
        client.setTcpNoDelay(true);
        up.setTcpNoDelay(true);
        Link l = new Link(client, up);
        links.add(l);
        l.start(name);
      } catch (IOException e) {
        // closed, or one connection that failed: the next accept decides
      }
    }
  }

  /** One relayed connection. */
  private final class Link {
    final Socket client;
    final Socket up;
    final AtomicLong down = new AtomicLong();
    volatile long atArm;
    volatile boolean clientClosed;
    volatile boolean cut;

    Link(Socket client, Socket up) {
      this.client = client;
      this.up = up;
    }

    void start(String name) {
      thread(() -> {
        pump(client, up, null);
        clientClosed = true;
        closeBoth();
      }, name + " up");
      thread(() -> {
        pump(up, client, down);
        if (!clientClosed && armed) {
          cut = true;
        }
        closeBoth();
      }, name + " down");
    }

    private void pump(Socket from, Socket to, AtomicLong count) {
      byte[] buf = new byte[8192];
      try (InputStream in = from.getInputStream()) {
        OutputStream out = to.getOutputStream();
        for (int n; (n = in.read(buf)) > 0; ) {
          if (count != null) {
            count.addAndGet(n);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        // the other side closed or reset: the connection ends
      }
    }

    private void closeBoth() {
      closeQuietly(client);
      closeQuietly(up);
    }
  }

  private static void thread(Runnable r, String name) {
    Thread t = new Thread(r, "reply-meter " + name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() {
    BY_PROXY.remove(name, this);
    try {
      server.close();
    } catch (IOException ignored) {
      // already closed
    }
    links.forEach(Link::closeBoth);
  }
}
