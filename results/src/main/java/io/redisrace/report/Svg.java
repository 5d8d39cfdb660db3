package io.redisrace.report;

import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts, written by hand so that the report needs no script, no library and no
 * network: horizontal bars or dots with 95% whiskers ({@link #chart}), or series of dots over
 * categories along the x-axis ({@link #columns}, versions for the atlas), on a linear or a "symlog"
 * axis (log10(1 + x), which shows 0, 3 and 1,700 per million on one axis).
 */
public final class Svg {

  /** Axis scale. */
  public enum Scale { LINEAR, SYMLOG }

  /** How a row is drawn. */
  public enum Mark { BAR, DOT, HOLLOW_DOT }

  /**
   * One row: label, value, whisker from low to high (NaN for none), colour, mark and a text shown
   * at the right end. A row with a null label is a group heading ({@code note} is its text).
   */
  public record Row(String label, double value, double low, double high, String color, Mark mark, String note) {
    public static Row heading(String text) {
      return new Row(null, 0, Double.NaN, Double.NaN, null, Mark.BAR, text);
    }
  }

  /** One point of a {@link Series}: value with its 95% whisker; NaN value: no point there (the cell did not run). */
  public record Point(double value, double low, double high, String note) {
    public static final Point NONE = new Point(Double.NaN, Double.NaN, Double.NaN, "");
  }

  /** One series of {@link #columns}: a name for the legend, a colour, one point per x category. */
  public record Series(String name, String color, List<Point> points) {}

  static final int ROW_H = 18;
  static final int LABEL_W = 330;
  static final int PLOT_W = 560;
  static final int NOTE_W = 210;

  private Svg() {}

  public static String chart(String title, String unit, List<Row> rows, Scale scale, Double referenceLine) {
    double max = rows.stream().filter(r -> r.label() != null)
        .mapToDouble(r -> Math.max(r.value(), Double.isNaN(r.high()) ? 0 : r.high())).max().orElse(1);
    if (referenceLine != null) {
      max = Math.max(max, referenceLine);
    }
    max = niceMax(max, scale);
    int top = 34;
    int height = top + rows.size() * ROW_H + 34;
    int width = LABEL_W + PLOT_W + NOTE_W;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
        width, height, width, height, esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"16\" class=\"ct\">%s</text>%n", esc(title)));
    // grid and ticks
    for (double t : ticks(max, scale)) {
      double x = LABEL_W + pos(t, max, scale) * PLOT_W;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"grid\"/>%n", x, top - 4, x, height - 28));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text>%n", x, height - 14, fmt(t)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>%n", LABEL_W + PLOT_W, height - 2,
        esc(unit + (scale == Scale.SYMLOG ? " (log scale, 0 at the left)" : ""))));
    if (referenceLine != null) {
      double x = LABEL_W + pos(referenceLine, max, scale) * PLOT_W;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" class=\"ref\"/>%n", x, top - 6, x, height - 28));
    }
    int y = top;
    for (Row r : rows) {
      int mid = y + ROW_H / 2;
      if (r.label() == null) {
        s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\" class=\"grp\">%s</text>%n", mid + 5, esc(r.note())));
        y += ROW_H;
        continue;
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"lbl\" text-anchor=\"end\">%s</text>%n", LABEL_W - 8, mid + 4, esc(r.label())));
      double xv = LABEL_W + pos(r.value(), max, scale) * PLOT_W;
      switch (r.mark()) {
        case BAR -> s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
            LABEL_W, y + 3, Math.max(0.5, xv - LABEL_W), ROW_H - 6, r.color(), esc(r.label() + ": " + r.note())));
        case DOT -> s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"5\" fill=\"%s\"><title>%s</title></circle>%n",
            xv, mid, r.color(), esc(r.label() + ": " + r.note())));
        case HOLLOW_DOT -> s.append(String.format(Locale.ROOT,
            "<circle cx=\"%.1f\" cy=\"%d\" r=\"4.5\" fill=\"white\" stroke=\"%s\" stroke-width=\"1.5\"><title>%s</title></circle>%n",
            xv, mid, r.color(), esc(r.label() + ": " + r.note())));
      }
      if (!Double.isNaN(r.low()) && !Double.isNaN(r.high())) {
        double x1 = LABEL_W + pos(Math.max(0, r.low()), max, scale) * PLOT_W;
        double x2 = LABEL_W + pos(r.high(), max, scale) * PLOT_W;
        s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %dv8M%.1f %dH%.1fM%.1f %dv8\" class=\"wh\"/>%n", x1, mid - 4, x1, mid, x2, x2, mid - 4));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"note\">%s</text>%n", LABEL_W + PLOT_W + 8, mid + 4, esc(r.note())));
      y += ROW_H;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  static final int COL_W = 46;
  static final int AXIS_W = 56;

  /**
   * Categories along the x-axis (labels turned 45 degrees), the value upwards: each series a
   * colour, its points side by side within a category, a filled dot where the value is above 0,
   * a hollow one at 0, with the 95% whisker; a legend on top.
   */
  public static String columns(String title, String unit, List<String> categories, List<Series> series, Scale scale) {
    double max = niceMax(series.stream().flatMap(x -> x.points().stream()).filter(p -> !Double.isNaN(p.value()))
        .mapToDouble(p -> Math.max(p.value(), Double.isNaN(p.high()) ? 0 : p.high())).max().orElse(1), scale);
    int top = 52;
    int plotH = 260;
    int width = AXIS_W + Math.max(1, categories.size()) * COL_W + 20;
    int height = top + plotH + 90;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n",
        width, height, width, height, esc(title)));
    s.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"16\" class=\"ct\">%s</text>%n", esc(title)));
    int lx = 0;
    for (Series x : series) {
      s.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"32\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"36\" class=\"note\">%s</text>%n",
          lx + 6, x.color(), lx + 14, esc(x.name())));
      lx += 24 + 7 * x.name().length();
    }
    for (double t : ticks(max, scale)) {
      double y = top + plotH - pos(t, max, scale) * plotH;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>%n", AXIS_W, y, width - 10, y));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>%n", AXIS_W - 4, y + 4, fmt(t)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"tick\">%s</text>%n", AXIS_W, top - 4,
        esc(unit + (scale == Scale.SYMLOG ? " (log scale, 0 at the bottom)" : ""))));
    double step = series.isEmpty() ? 0 : (COL_W - 10.0) / series.size();
    for (int c = 0; c < categories.size(); c++) {
      int x0 = AXIS_W + c * COL_W;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" class=\"lbl\" text-anchor=\"end\" transform=\"rotate(-45 %d %d)\">%s</text>%n",
          x0 + COL_W / 2, top + plotH + 14, x0 + COL_W / 2, top + plotH + 14, esc(categories.get(c))));
      for (int i = 0; i < series.size(); i++) {
        Point p = c < series.get(i).points().size() ? series.get(i).points().get(c) : Point.NONE;
        if (Double.isNaN(p.value())) {
          continue;
        }
        double cx = x0 + 5 + step * (i + 0.5);
        double cy = top + plotH - pos(p.value(), max, scale) * plotH;
        String tip = esc(categories.get(c) + ", " + series.get(i).name() + ": " + p.note());
        if (!Double.isNaN(p.low()) && !Double.isNaN(p.high())) {
          double y1 = top + plotH - pos(Math.max(0, p.low()), max, scale) * plotH;
          double y2 = top + plotH - pos(p.high(), max, scale) * plotH;
          s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %.1fV%.1f\" stroke=\"%s\" class=\"wh\"/>%n", cx, y1, y2, series.get(i).color()));
        }
        s.append(p.value() > 0
            ? String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>%s</title></circle>%n", cx, cy,
                series.get(i).color(), tip)
            : String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"white\" stroke=\"%s\" stroke-width=\"1.5\"><title>%s</title></circle>%n",
                cx, cy, series.get(i).color(), tip));
      }
    }
    s.append("</svg>\n");
    return s.toString();
  }

  static double pos(double v, double max, Scale scale) {
    if (max <= 0) {
      return 0;
    }
    double p = scale == Scale.LINEAR ? v / max : Math.log10(1 + Math.max(0, v)) / Math.log10(1 + max);
    return Math.max(0, Math.min(1, p));
  }

  static double niceMax(double max, Scale scale) {
    if (!(max > 0)) {
      return 1;
    }
    double mag = Math.pow(10, Math.floor(Math.log10(max)));
    if (scale == Scale.SYMLOG) {
      return mag * 10 <= max ? mag * 100 : mag * 10;
    }
    for (double m : new double[] {1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (m * mag >= max) {
        return m * mag;
      }
    }
    return 10 * mag;
  }

  static double[] ticks(double max, Scale scale) {
    if (scale == Scale.SYMLOG) {
      int n = (int) Math.round(Math.log10(max));
      double[] t = new double[n + 2];
      t[0] = 0;
      for (int i = 0; i <= n; i++) {
        t[i + 1] = Math.pow(10, i);
      }
      return t;
    }
    double step = max / 5;
    double[] t = new double[6];
    for (int i = 0; i <= 5; i++) {
      t[i] = step * i;
    }
    return t;
  }

  static String fmt(double v) {
    if (v >= 1_000_000) {
      return String.format(Locale.ROOT, "%.1fM", v / 1_000_000);
    }
    if (v >= 10_000) {
      return String.format(Locale.ROOT, "%.0fk", v / 1000);
    }
    if (v >= 1000) {
      return String.format(Locale.ROOT, "%.1fk", v / 1000);
    }
    if (v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
