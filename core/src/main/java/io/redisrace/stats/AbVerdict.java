package io.redisrace.stats;

import io.redisrace.HasId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The verdict on one cell of a same-run A/B comparison: A is the reference revision, B the
 * candidate, each a list of per-fork scores measured interleaved (A B A B ...) on one machine.
 *
 * <p>B differs from A when both hold, the way benchstat judges Go benchmarks:
 * <ul>
 *   <li>the Mann-Whitney U test says the two samples differ ({@code p < alpha}, two-sided), and</li>
 *   <li>the ratio of medians B/A moved by at least {@code minEffect} (5% by default): a significant
 *       1% change is real but not worth a red build.</li>
 * </ul>
 * Direction: for throughput (ops/s) higher is better, so B/A below 1 is slower; for latency
 * (us/op) lower is better, so B/A above 1 is slower.
 */
public record AbVerdict(Outcome outcome, double medianA, double medianB, double ratio, double p, int forksA, int forksB, String why) {

  public static final double DEFAULT_ALPHA = 0.05;
  public static final double DEFAULT_MIN_EFFECT = 0.05;

  public enum Outcome implements HasId {
    /** B is worse than A beyond noise and beyond the minimum effect: a regression. */
    SLOWER("slower"),
    /** B is better than A beyond noise and the minimum effect. */
    FASTER("faster"),
    /** No change that passes both tests. */
    SAME("~"),
    /** Too few forks on one side to judge. */
    NOT_COMPARED("not compared");

    private final String id;

    Outcome(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Outcome parse(String id) {
      return HasId.byId(Outcome.class, id)
          .orElseThrow(() -> new IllegalArgumentException("unknown A/B outcome '" + id + "'"));
    }
  }

  /**
   * One cell on its own, at level {@code alpha}.
   *
   * @param higherIsBetter true for ops/s, false for a time per operation
   */
  public static AbVerdict judge(double[] a, double[] b, boolean higherIsBetter, double alpha, double minEffect) {
    if (a.length < 2 || b.length < 2) {
      return notCompared(a, b);
    }
    double p = MannWhitney.test(a, b).p();
    return decide(a, b, p, p < alpha, "p >= " + alpha, higherIsBetter, minEffect);
  }

  /**
   * The verdicts of every cell of one A/B run, with Holm's step-down correction across the cells:
   * the chance that unchanged code shows a significant change in ANY cell of the run stays below
   * {@code alpha}, however many cells the run has (without it, 24 cells at 5% each would raise a
   * false alarm in most runs of unchanged code). With one cell it is {@link #judge}.
   */
  public static List<AbVerdict> judgeAll(List<double[]> a, List<double[]> b, List<Boolean> higherIsBetter, double alpha, double minEffect) {
    int m = a.size();
    double[] p = new double[m];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (a.get(i).length >= 2 && b.get(i).length >= 2) {
        p[i] = MannWhitney.test(a.get(i), b.get(i)).p();
        order.add(i);
      }
    }
    order.sort((x, y) -> Double.compare(p[x], p[y]));
    int tested = order.size();
    boolean[] significant = new boolean[m];
    double[] level = new double[m];
    boolean stop = false;
    for (int k = 0; k < tested; k++) {
      int i = order.get(k);
      level[i] = alpha / (tested - k);
      if (!stop && p[i] < level[i]) {
        significant[i] = true;
      } else {
        stop = true;
      }
    }
    List<AbVerdict> out = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      if (a.get(i).length < 2 || b.get(i).length < 2) {
        out.add(notCompared(a.get(i), b.get(i)));
      } else {
        String bound = tested > 1
            ? String.format(Locale.ROOT, "p >= %.4f, Holm's level for this cell among %d", level[i], tested) : "p >= " + alpha;
        out.add(decide(a.get(i), b.get(i), p[i], significant[i], bound, higherIsBetter.get(i), minEffect));
      }
    }
    return out;
  }

  private static AbVerdict notCompared(double[] a, double[] b) {
    return new AbVerdict(Outcome.NOT_COMPARED, a.length == 0 ? Double.NaN : median(a), b.length == 0 ? Double.NaN : median(b), Double.NaN,
        Double.NaN, a.length, b.length, "needs at least 2 forks on each side, has " + a.length + " (A) and " + b.length + " (B)");
  }

  private static AbVerdict decide(double[] a, double[] b, double p, boolean significant, String notSignificantBecause, boolean higherIsBetter,
                                  double minEffect) {
    double ma = median(a);
    double mb = median(b);
    double ratio = mb / ma;
    double change = ratio - 1;
    boolean worse = higherIsBetter ? change < 0 : change > 0;
    String stats = String.format(Locale.ROOT, "B/A %.3f (%+.1f%%), p=%.4f, %d+%d forks", ratio, change * 100, p, a.length, b.length);
    Outcome outcome;
    String why;
    if (!significant) {
      outcome = Outcome.SAME;
      why = stats + ": not significant (" + notSignificantBecause + ")";
    } else if (Math.abs(change) < minEffect) {
      outcome = Outcome.SAME;
      why = stats + String.format(Locale.ROOT, ": significant but below the minimum effect of %.0f%%", minEffect * 100);
    } else {
      outcome = worse ? Outcome.SLOWER : Outcome.FASTER;
      why = stats + (worse ? ": B is slower" : ": B is faster");
    }
    return new AbVerdict(outcome, ma, mb, ratio, p, a.length, b.length, why);
  }

  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
