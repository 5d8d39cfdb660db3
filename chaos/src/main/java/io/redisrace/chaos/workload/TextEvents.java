package io.redisrace.chaos.workload;

import io.redisrace.loader.Step;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain-text form of the control protocol, for loaders written outside the project
 * (docs/your-loader.md, "Step events"). One line per event, each answered with {@code go}:
 *
 * <pre>
 * hello &lt;REDIS_RACE_LOADER_ID&gt; &lt;pid&gt;
 * step &lt;step&gt; &lt;chunk&gt; [key=value ...]
 * </pre>
 *
 * The first line names the loader; every later line is one {@link Step} of that loader. Values
 * that look like integers or booleans are read as such ({@code applied=true}).
 */
final class TextEvents {
  private TextEvents() {}

  /** The event of {@code line}; {@code loader}: named by this connection's hello so far (null: none yet). */
  static Event parse(String line, String loader) throws IOException {
    String[] w = line.strip().split("\\s+");
    Map<String, Object> f = new LinkedHashMap<>();
    if (w[0].equals("hello")) {
      if (w.length < 2 || w.length > 3 || loader != null) {
        throw new IOException(loader != null ? "a second hello" : "hello takes the loader id and its pid");
      }
      f.put("loader", w[1]);
      f.put("step", Step.HELLO.id());
      f.put("chunk", -1);
      f.put("pid", w.length == 3 ? Long.parseLong(w[2]) : -1L);
      return new Event(w[1], Step.HELLO, -1, Map.copyOf(f));
    }
    if (!w[0].equals("step") || w.length < 3) {
      throw new IOException("expected 'hello ID PID' or 'step NAME CHUNK [key=value ...]'");
    }
    if (loader == null) {
      throw new IOException("a step before the hello line");
    }
    Step step = Step.byId(w[1]).orElseThrow(() -> new IOException("unknown step '" + w[1] + "'"));
    int chunk = Integer.parseInt(w[2]);
    f.put("loader", loader);
    f.put("step", step.id());
    f.put("chunk", chunk);
    for (int i = 3; i < w.length; i++) {
      int eq = w[i].indexOf('=');
      if (eq <= 0) {
        throw new IOException("'" + w[i] + "' is not key=value");
      }
      f.put(w[i].substring(0, eq), value(w[i].substring(eq + 1)));
    }
    return new Event(loader, step, chunk, Map.copyOf(f));
  }

  private static Object value(String v) {
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    return v.matches("-?\\d{1,18}") ? (Object) Long.parseLong(v) : v;
  }

  /** At most 80 characters of a line, control characters shown as '?'. */
  static String clip(String line) {
    String s = line.replaceAll("\\p{Cntrl}", "?");
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
