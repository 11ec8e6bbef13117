package io.github.sparkasgd.cli;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Ranks 0..n-1 drawn with probability proportional to {@code 1 / (rank + 1)^exponent}: how often
 * words occur in text, for the generated sparse data and the kernel benchmarks' rows.
 */
public final class ZipfLaw implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] cdf;

  /** @param exponent 0 draws ranks uniformly */
  public ZipfLaw(int n, double exponent) {
    cdf = new double[n];
    double total = 0;
    for (int j = 0; j < n; j++) {
      total += 1.0 / Math.pow(j + 1, exponent);
      cdf[j] = total;
    }
    for (int j = 0; j < n; j++) {
      cdf[j] /= total;
    }
  }

  /** The rank for a uniform draw {@code u} in [0, 1). */
  public int rank(double u) {
    int i = Arrays.binarySearch(cdf, u);
    return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
  }
}
