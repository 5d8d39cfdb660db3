package io.redisrace.report.section;

/** The report's colours: red for a cell that left TTL-less keys or duplicated, green for clean, one colour per built-in variant. */
public final class Palette {
  public static final String RED = "#c62828";
  public static final String GREEN = "#2e7d32";
  public static final String GREY = "#9e9e9e";

  private Palette() {}

  /** A built-in variant's colour; any other variant is slate grey. */
  public static String color(String variant) {
    return switch (variant) {
      case "naive" -> "#8d6e63";
      case "pipeline" -> "#a1887f";
      case "multi" -> "#ef6c00";
      case "watch-retry" -> "#f9a825";
      case "multi-heal" -> "#5e35b1";
      case "lua" -> "#1565c0";
      case "lua-heal" -> "#00838f";
      default -> "#546e7a";
    };
  }
}
