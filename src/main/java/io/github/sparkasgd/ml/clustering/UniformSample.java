package io.github.sparkasgd.ml.clustering;

import io.github.sparkasgd.data.Block;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A Bernoulli sample of rows, each kept with probability {@code rate}, with its weight: a uniform sample
 * gathered during a pass that reads every row anyway. The gap to the next kept row is drawn
 * geometrically, so rows that are skipped cost a decrement, not a random draw. Partitions sample alone
 * and their samples concatenate.
 *
 * <p>Kept rows are copied out of their block as dense values into growing flat arrays (amortised, about
 * {@code rate} allocations' worth per row). Threading: one thread.
 */
final class UniformSample implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int d;
  private final double logSkip;
  private double[] values;
  private double[] weights;
  private int size;
  private long gap;

  /** @param rate each row's chance to be kept; 0 keeps none, 1 (or more) every row */
  UniformSample(double rate, int numFeatures, SplittableRandom random) {
    this.d = numFeatures;
    this.logSkip = rate >= 1.0 ? Double.NEGATIVE_INFINITY : Math.log1p(-rate);
    this.values = new double[16 * d];
    this.weights = new double[16];
    this.gap = nextGap(random);
  }

  /** Rows to skip before the next kept one: geometric with success probability {@code rate}. */
  private long nextGap(SplittableRandom random) {
    if (logSkip == Double.NEGATIVE_INFINITY) {
      return 0;
    }
    if (logSkip == 0.0) {
      return Long.MAX_VALUE; // rate 0: keeps nothing
    }
    return (long) Math.floor(Math.log(1.0 - random.nextDouble()) / logSkip);
  }

  /** Offers the block's next row in the pass. */
  void offer(Block block, int row, SplittableRandom random) {
    if (gap > 0) {
      gap--;
      return;
    }
    gap = nextGap(random);
    if (size == weights.length) {
      weights = Arrays.copyOf(weights, 2 * size);
      values = Arrays.copyOf(values, 2 * size * d);
    }
    block.axpy(row, 1.0, values, size * d);
    weights[size++] = block.weight(row);
  }

  /** This sample with {@code other}'s rows appended: the sample of both inputs. */
  UniformSample merge(UniformSample other) {
    int total = size + other.size;
    if (total > weights.length) {
      weights = Arrays.copyOf(weights, total);
      values = Arrays.copyOf(values, total * d);
    }
    System.arraycopy(other.weights, 0, weights, size, other.size);
    System.arraycopy(other.values, 0, values, size * d, other.size * d);
    size = total;
    return this;
  }

  int size() {
    return size;
  }

  /**
   * The weight of the sampled rows nearest to each of {@code centres}: an estimate of the weight of all
   * rows nearest to each, in proportion (unbiased up to the common factor {@code 1 / rate}).
   */
  double[] nearestWeights(double[][] centres) {
    double[] out = new double[centres.length];
    double[] x = new double[d];
    for (int i = 0; i < size; i++) {
      System.arraycopy(values, i * d, x, 0, d);
      out[WeightedKMeansPlusPlus.nearestCentre(x, centres)] += weights[i];
    }
    return out;
  }
}
