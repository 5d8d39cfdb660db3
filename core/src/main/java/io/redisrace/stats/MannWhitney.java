package io.redisrace.stats;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples, two-sided: is one
 * sample's distribution shifted against the other's? It assumes nothing about the shape of the
 * distributions, which is what per-fork benchmark scores need (a fork that landed beside a busy
 * neighbour is an outlier, not a Gaussian tail). The same test benchstat applies to Go benchmarks.
 *
 * <p>The p-value is exact (every way of splitting the pooled ranks into the two samples is
 * enumerated, midranks for ties) while there are at most {@value #EXACT_LIMIT} such splits, and the
 * normal approximation with tie correction beyond that. With n = m = 5 the smallest two-sided p is
 * 2/252 = 0.0079; with 3 and 3 it is 0.1, so fewer than 4 per side can never reach p &lt; 0.05.
 */
public final class MannWhitney {
  private MannWhitney() {}

  static final long EXACT_LIMIT = 500_000;

  /** U of sample {@code a} (pairs where a's value is above b's, ties half), and the two-sided p. */
  public record Result(double u, double p) {}

  public static Result test(double[] a, double[] b) {
    if (a.length == 0 || b.length == 0) {
      throw new IllegalArgumentException("both samples need at least one value");
    }
    int n = a.length;
    int m = b.length;
    double[] ranks = midranks(a, b);
    double rankSumA = 0;
    for (int i = 0; i < n; i++) {
      rankSumA += ranks[i];
    }
    double u = rankSumA - n * (n + 1) / 2.0;
    double meanU = n * m / 2.0;
    double p;
    if (binomial(n + m, n) <= EXACT_LIMIT) {
      // P(|U - mean| >= |u - mean|) over all C(n+m, n) equally likely assignments of ranks to a.
      double observed = Math.abs(u - meanU) - 1e-9;
      long[] counts = new long[2]; // [at least as extreme, total]
      enumerate(ranks, n, 0, 0, 0.0, n * (n + 1) / 2.0, meanU, observed, counts);
      p = (double) counts[0] / counts[1];
    } else {
      double ties = tieTerm(ranks);
      int total = n + m;
      double var = n * m / 12.0 * ((total + 1) - ties / ((double) total * (total - 1)));
      double z = var <= 0 ? 0 : (Math.abs(u - meanU) - 0.5) / Math.sqrt(var);
      p = Math.min(1, 2 * (1 - normalCdf(Math.max(0, z))));
    }
    return new Result(u, Math.min(1, p));
  }

  private static void enumerate(double[] ranks, int left, int from, int depth, double sum, double offset, double meanU, double observed,
                                long[] counts) {
    if (left == 0) {
      counts[1]++;
      if (Math.abs(sum - offset - meanU) >= observed) {
        counts[0]++;
      }
      return;
    }
    for (int i = from; i <= ranks.length - left; i++) {
      enumerate(ranks, left - 1, i + 1, depth + 1, sum + ranks[i], offset, meanU, observed, counts);
    }
  }

  /** Ranks of a's values then b's in the pooled sample, 1-based, ties get the mean of their ranks. */
  static double[] midranks(double[] a, double[] b) {
    int total = a.length + b.length;
    double[] values = new double[total];
    System.arraycopy(a, 0, values, 0, a.length);
    System.arraycopy(b, 0, values, a.length, b.length);
    Integer[] order = new Integer[total];
    for (int i = 0; i < total; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    double[] ranks = new double[total];
    int i = 0;
    while (i < total) {
      int j = i;
      while (j + 1 < total && values[order[j + 1]] == values[order[i]]) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = mid;
      }
      i = j + 1;
    }
    return ranks;
  }

  private static double tieTerm(double[] ranks) {
    double[] sorted = ranks.clone();
    Arrays.sort(sorted);
    double sum = 0;
    int i = 0;
    while (i < sorted.length) {
      int j = i;
      while (j + 1 < sorted.length && sorted[j + 1] == sorted[i]) {
        j++;
      }
      double t = j - i + 1;
      sum += t * t * t - t;
      i = j + 1;
    }
    return sum;
  }

  /** How many ways there are to split n + m values into samples of n and m: C(n + m, n). */
  public static double splits(int n, int m) {
    return binomial(n + m, n);
  }

  static double binomial(int n, int k) {
    double r = 1;
    for (int i = 1; i <= k; i++) {
      r = r * (n - k + i) / i;
    }
    return r;
  }

  /** Standard normal CDF (Abramowitz-Stegun 26.2.17, error below 7.5e-8). */
  static double normalCdf(double z) {
    double t = 1 / (1 + 0.2316419 * Math.abs(z));
    double d = 0.3989422804014327 * Math.exp(-z * z / 2);
    double q = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
    return z >= 0 ? 1 - q : q;
  }
}
