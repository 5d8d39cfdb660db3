package io.redisrace.stats;

import java.util.List;

/**
 * 95% intervals of a mean from a handful of measurements (JMH iterations), and the quantiles they
 * use: the normal one for the gate's noise model, Student's t for an honest interval of a few
 * iterations (Bencher's bounds).
 */
public final class Intervals {
  /** Two-sided 95% normal quantile. */
  public static final double Z95 = 1.959963984540054;
  /** Two-sided 99.9% normal quantile (JMH's own score error is a 99.9% interval). */
  public static final double Z999 = 3.2905267314919255;
  /** Two-sided 95% Student-t quantiles, t(0.975, df) for df = 1..30. */
  private static final double[] T95 = {
      12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135,
      2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656, 2.144786688, 2.131449546, 2.119905299,
      2.109815578, 2.100922040, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
      2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};

  private Intervals() {}

  /** Standard error of the mean, sqrt(s² / n) with the sample variance s² (n - 1); needs n >= 2. */
  static double standardError(List<Double> xs) {
    int n = xs.size();
    double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double var = xs.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (n - 1);
    return Math.sqrt(var / n);
  }

  /** 95% half-width of the mean of {@code xs}, normal approximation; NaN for fewer than 2 values. */
  public static double normalHalfWidth95(List<Double> xs) {
    return xs.size() < 2 ? Double.NaN : Z95 * standardError(xs);
  }

  /** 95% Student-t half-width of the mean of {@code xs}; NaN for fewer than 2 values or any that is not finite. */
  public static double studentHalfWidth95(List<Double> xs) {
    if (xs.size() < 2 || xs.stream().anyMatch(x -> !Double.isFinite(x))) {
      return Double.NaN;
    }
    return t95(xs.size() - 1) * standardError(xs);
  }

  /** t(0.975, df): the table up to 30, then the Cornish-Fisher expansion (error below 1e-4). */
  public static double t95(int df) {
    if (df < 1) {
      return Double.NaN;
    }
    if (df <= T95.length) {
      return T95[df - 1];
    }
    double z = Z95;
    return z + (z * z * z + z) / (4.0 * df) + (5 * Math.pow(z, 5) + 16 * Math.pow(z, 3) + 3 * z) / (96.0 * df * df);
  }
}
