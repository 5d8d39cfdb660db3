import java.io.*;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Step events for a loader under redis-race-chaos (docs/your-loader.md): copy this file into your project. */
public final class RaceSteps {
  private final BufferedReader in;
  private final Writer out;

  /** Connects when REDIS_RACE_CONTROL is set; otherwise every {@link #at} does nothing. */
  public RaceSteps() throws IOException {
    String address = System.getenv("REDIS_RACE_CONTROL");
    Socket s = address == null ? null : new Socket(address.substring(0, address.lastIndexOf(':')),
        Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)));
    in = s == null ? null : new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    out = s == null ? null : new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8);
    send("hello " + System.getenv("REDIS_RACE_LOADER_ID") + " " + ProcessHandle.current().pid());
  }

  /** Reports a step ("rows-read", chunk 3, "rows=20") and waits for the harness's go. */
  public void at(String step, int chunk, String... keyValues) {
    send("step " + step + " " + chunk + (keyValues.length == 0 ? "" : " " + String.join(" ", keyValues)));
  }

  private void send(String line) {
    try {
      if (out == null) return;
      out.write(line + "\n");
      out.flush();
      if ("go".equals(in.readLine())) return;
    } catch (IOException e) { /* the harness is gone */ }
    System.err.println("loader: the harness closed the control channel; stopping.");
    Runtime.getRuntime().halt(4);
  }
}
