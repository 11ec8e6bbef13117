package io.github.sparkasgd.exchange.compress;

import io.github.sparkasgd.exchange.WeightVector;

/**
 * The gradient threshold of seed 003 with error feedback: only coordinates whose accumulated change
 * exceeds {@code tau} in magnitude travel (gap-coded, float32); smaller ones stay with the sender and
 * add up until they do.
 */
final class ThresholdCompressor extends Compressor {
  private final double tau;
  private final int[] indices;
  private final double[] values;

  ThresholdCompressor(int size, double tau) {
    this.tau = tau;
    this.indices = new int[size];
    this.values = new double[size];
  }

  @Override
  WeightVector encode(double[] change) {
    return sendSelected(change, indices, values, i -> Math.abs(change[i]) > tau);
  }
}
