package io.redisrace.stats;

/**
 * A rate of rare events per million operations with its 95% confidence interval (Wilson score
 * interval for a binomial proportion: well behaved at 0 events, unlike the normal approximation).
 * With 0 events in n ops the upper bound is about 3.84 / n: "none seen" is never "rate 0".
 */
public record RateEstimate(long events, long ops, double perMillion, double lowPerMillion, double highPerMillion) {

  public static RateEstimate of(long events, long ops) {
    if (ops <= 0) {
      return new RateEstimate(events, ops, Double.NaN, Double.NaN, Double.NaN);
    }
    double n = ops;
    double p = events / n;
    double z2 = Intervals.Z95 * Intervals.Z95;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = Intervals.Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
    return new RateEstimate(events, ops, p * 1e6, Math.max(0, centre - half) * 1e6, Math.min(1, centre + half) * 1e6);
  }

  @Override
  public String toString() {
    return String.format("%.1f per million ops (95%% CI %.1f-%.1f)", perMillion, lowPerMillion, highPerMillion);
  }
}
