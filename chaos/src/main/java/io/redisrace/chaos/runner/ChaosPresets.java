package io.redisrace.chaos.runner;

import io.redisrace.Bundled;
import io.redisrace.HarnessException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The presets of {@code run --mode}, as data: {@code presets.properties} beside the chaos package
 * (its comments say what each key means). Each mode must give exactly the keys of {@link #KEYS}; a
 * missing, unknown or malformed key fails when the file is read, with one sentence naming the file
 * and the key, instead of a preset that silently runs something else.
 */
public final class ChaosPresets {
  public static final String FILE = "presets.properties";

  /** The keys every mode gives. */
  public static final Set<String> KEYS = Set.of("trialsPerCell", "rows", "chunkSize", "skewMs", "concurrency.loaders",
      "concurrency.chunkSizes", "concurrency.rows", "concurrency.trials", "clientTimeoutMs", "parallel", "seed", "server",
      "timeLimitMinutes");

  private final String source;
  private final Map<String, Map<String, String>> modes;

  private ChaosPresets(String source, Map<String, Map<String, String>> modes) {
    this.source = source;
    this.modes = modes;
  }

  private static final class Holder {
    static final ChaosPresets BUILT_IN = read();
  }

  private static ChaosPresets read() {
    return parse(Bundled.text(ChaosPresets.class, "/io/redisrace/chaos/" + FILE), FILE);
  }

  /** The committed file. */
  public static ChaosPresets builtIn() {
    return Holder.BUILT_IN;
  }

  /** Parses the text of a presets file; {@code source} names it in errors. */
  public static ChaosPresets parse(String text, String source) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IOException | IllegalArgumentException e) {
      throw new HarnessException(source + " is not a properties file: " + e.getMessage());
    }
    Map<String, Map<String, String>> modes = new LinkedHashMap<>();
    for (String name : inFileOrder(text, p)) {
      int dot = name.indexOf('.');
      String key = dot < 0 ? "" : name.substring(dot + 1);
      if (!KEYS.contains(key)) {
        throw new HarnessException(source + ": unknown key '" + name + "'; a key is <mode>.<one of " + new TreeSet<>(KEYS) + ">.");
      }
      modes.computeIfAbsent(name.substring(0, dot), m -> new TreeMap<>()).put(key, p.getProperty(name).strip());
    }
    modes.forEach((mode, keys) -> {
      Set<String> missing = new TreeSet<>(KEYS);
      missing.removeAll(keys.keySet());
      if (!missing.isEmpty()) {
        throw new HarnessException(source + ": mode '" + mode + "' gives no " + missing + ".");
      }
    });
    ChaosPresets presets = new ChaosPresets(source, modes);
    modes.keySet().forEach(presets::settings); // every value parses now, not when a run picks the mode
    return presets;
  }

  /** The property names in the order the file gives them: modes keep the file's order. */
  private static List<String> inFileOrder(String text, Properties p) {
    List<String> names = new ArrayList<>();
    text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("!"))
        .map(l -> l.split("[=:\\s]", 2)[0]).filter(p::containsKey).distinct().forEach(names::add);
    p.stringPropertyNames().stream().filter(n -> !names.contains(n)).sorted().forEach(names::add); // continued lines and the like
    return names;
  }

  /** The mode names, in the file's order. */
  public Set<String> modes() {
    return modes.keySet();
  }

  /** The settings of {@code mode}: every variant, fault and client, the classic loader shape. */
  public ChaosSettings settings(String mode) {
    Map<String, String> m = modes.get(mode);
    if (m == null) {
      throw new HarnessException("Unknown mode '" + mode + "'; use " + String.join(" or ", modes.keySet()) + ".");
    }
    Function<String, Integer> num = key -> integer(mode, key, m.get(key));
    var concurrency = new ChaosSettings.Concurrency(list(mode, "concurrency.loaders", m), list(mode, "concurrency.chunkSizes", m),
        num.apply("concurrency.rows"), num.apply("concurrency.trials"));
    return ChaosSettings.defaults(mode, Long.parseLong(m.get("seed")), num.apply("trialsPerCell"), num.apply("rows"),
        num.apply("chunkSize"), num.apply("skewMs"), concurrency, num.apply("clientTimeoutMs"), num.apply("parallel"), m.get("server"),
        num.apply("timeLimitMinutes"));
  }

  private List<Integer> list(String mode, String key, Map<String, String> m) {
    String v = m.get(key);
    return v.isEmpty() ? List.of() : Arrays.stream(v.split(",")).map(s -> integer(mode, key, s.strip())).toList();
  }

  private int integer(String mode, String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new HarnessException(source + ": " + mode + "." + key + " must be a whole number, not '" + value + "'.");
    }
  }
}
