package io.github.sparkasgd.exchange.compress;

import io.github.sparkasgd.exchange.WeightVector;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * QSGD (Alistarh et al. 2017, seed 002): coordinate i travels as {@code ||v|| sign(v_i) l_i / s}, where
 * {@code l_i} is {@code floor(s |v_i| / ||v||)} or one more, the latter with probability the fractional
 * part, so that {@code E[Q(v)] = v} and {@code E||Q(v) - v||^2 <= min(n / s^2, sqrt(n) / s) ||v||^2}.
 * Coordinates rounded to level 0 are not sent; the rest travel as gap-coded indices and bit-packed sign
 * and level. Unbiased, so nothing is fed back: the change is cleared. (Fed back, its error would make
 * the next change larger whenever {@code sqrt(n) / s} exceeds 1, and grow without bound: measured on
 * the 47k-feature sparse set at s = 16, test log-loss 1.43 after one epoch and 10 after eight.)
 */
final class QsgdCompressor extends Compressor {
  private final int levels;
  private final SplittableRandom random;
  private final int[] indices;
  private final double[] values;

  QsgdCompressor(int size, int levels, long seed) {
    this.levels = levels;
    this.random = new SplittableRandom(seed);
    this.indices = new int[size];
    this.values = new double[size];
  }

  @Override
  WeightVector encode(double[] change) {
    double sq = 0;
    for (double x : change) {
      sq += x * x;
    }
    double norm = Math.sqrt(sq);
    int count = 0;
    if (norm > 0) {
      for (int i = 0; i < change.length; i++) {
        double x = change[i];
        if (x == 0.0) {
          continue;
        }
        double scaled = Math.abs(x) / norm * levels;
        int level = (int) scaled;
        if (random.nextDouble() < scaled - level) {
          level++;
        }
        if (level > 0) {
          indices[count] = i;
          values[count++] = WeightVector.Encoding.qsgdValue(norm, Math.min(level, levels), levels, x < 0);
        }
      }
    }
    Arrays.fill(change, 0.0);
    return new WeightVector(change.length, Arrays.copyOf(indices, count), Arrays.copyOf(values, count),
        WeightVector.Encoding.qsgd(levels, norm));
  }
}
