package io.github.sparkasgd.exchange.compress;

import io.github.sparkasgd.exchange.WeightVector;

/**
 * Top-k sparsification with error feedback: the {@code k} coordinates of largest magnitude travel
 * (gap-coded, float32), the rest stay in the sender's change and are added to its next one. The k-th
 * magnitude is found by quickselect on a scratch copy, O(n) per exchange.
 */
final class TopKCompressor extends Compressor {
  private final int k;
  private final double[] magnitudes;
  private final int[] indices;
  private final double[] values;

  TopKCompressor(int size, double fraction) {
    this.k = Math.max(1, (int) Math.ceil(fraction * size));
    this.magnitudes = new double[size];
    this.indices = new int[size];
    this.values = new double[size];
  }

  @Override
  WeightVector encode(double[] change) {
    int n = 0;
    for (double x : change) {
      if (x != 0.0) {
        magnitudes[n++] = Math.abs(x);
      }
    }
    if (n <= k) {
      return sendSelected(change, indices, values, i -> true);
    }
    double kth = select(magnitudes, n, n - k);
    // Ties at the k-th magnitude: send those above it, then as many at it as k allows.
    int above = 0;
    for (int i = 0; i < n; i++) {
      if (magnitudes[i] > kth) {
        above++;
      }
    }
    int[] atKth = {k - above};
    return sendSelected(change, indices, values, i -> {
      double m = Math.abs(change[i]);
      return m > kth || (m == kth && atKth[0]-- > 0);
    });
  }

  /** The value of rank {@code rank} (0-based, ascending) among {@code a[0..n)}; reorders {@code a}. */
  static double select(double[] a, int n, int rank) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i++] = a[j];
          a[j--] = t;
        }
      }
      if (rank <= j) {
        hi = j;
      } else if (rank >= i) {
        lo = i;
      } else {
        return a[rank];
      }
    }
    return a[rank];
  }
}
