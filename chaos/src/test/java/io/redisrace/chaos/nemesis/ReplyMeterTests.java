package io.redisrace.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.redisrace.process.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The meter between a client and a stand-in for A's proxy (a plain socket server the test writes
 * replies from): it counts the bytes passed down since it was armed, and calls a connection cut
 * when the proxy side closed it first or it reached the limit. Every assertion follows a read the
 * client has made, after which the meter has already counted (and, for an end of stream, judged).
 */
@Timeout(30)
class ReplyMeterTests {
  ServerSocket proxy;
  ReplyMeter meter;

  @BeforeEach
  void start() throws IOException {
    proxy = new ServerSocket(0, 5, InetAddress.getByName(Ports.LOOPBACK));
    meter = new ReplyMeter("test", Ports.LOOPBACK, proxy.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    meter.close();
    proxy.close();
  }

  static void write(Socket s, String text) throws IOException {
    s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
  }

  static String read(InputStream in, int n) throws IOException {
    return new String(in.readNBytes(n), StandardCharsets.US_ASCII);
  }

  @Test
  void aReplyThatPassesWholeOnAConnectionTheClientClosesIsNoCut() throws IOException {
    try (Socket client = new Socket(meter.host(), meter.port()); Socket up = proxy.accept()) {
      write(up, "+OK\r\n"); // before the arm: not counted
      assertThat(read(client.getInputStream(), 5)).isEqualTo("+OK\r\n");
      meter.arm(24);
      write(up, ":1\r\n");
      assertThat(read(client.getInputStream(), 4)).isEqualTo(":1\r\n");
      assertThat(meter.disarm()).isEqualTo(new ReplyMeter.Reading(false, 4, 1));
    }
  }

  @Test
  void aConnectionTheProxyClosesFirstWhileArmedIsCut() throws IOException {
    meter.arm(24);
    try (Socket client = new Socket(meter.host(), meter.port())) {
      try (Socket up = proxy.accept()) {
        write(up, "+OK\r\n+QUEUED\r\n*");
      }
      InputStream in = client.getInputStream();
      assertThat(read(in, 15)).isEqualTo("+OK\r\n+QUEUED\r\n*");
      assertThat(in.read()).as("the relayed FIN").isEqualTo(-1);
    }
    assertThat(meter.disarm()).isEqualTo(new ReplyMeter.Reading(true, 15, 1));
  }

  @Test
  void anUnarmedCloseIsNoCutAndAConnectionThatReachedTheLimitIs() throws IOException {
    try (Socket client = new Socket(meter.host(), meter.port())) {
      try (Socket up = proxy.accept()) {
        write(up, "+OK\r\n");
      }
      assertThat(read(client.getInputStream(), 6)).as("5 bytes, then the relayed FIN").isEqualTo("+OK\r\n");
    }
    try (Socket client = new Socket(meter.host(), meter.port()); Socket up = proxy.accept()) {
      meter.arm(6);
      write(up, "+OK\r\n:");
      assertThat(read(client.getInputStream(), 6)).isEqualTo("+OK\r\n:");
      assertThat(meter.disarm()).as("the first connection, closed before the arm, is nothing the fault did")
          .isEqualTo(new ReplyMeter.Reading(true, 6, 1));
    }
  }
}
