package io.redisrace.report;

import java.util.List;

/** Display order of the built-in variants; user variants sort after them, by name. */
final class Variants {
  static final List<String> BUILT_IN = List.of("naive", "pipeline", "multi", "watch-retry", "multi-heal", "lua", "lua-heal", "ping");

  private Variants() {}

  static String rank(String variant) {
    int i = BUILT_IN.indexOf(variant);
    return i >= 0 ? String.format("%02d", i) : "99" + variant;
  }
}
