package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.Block;

/**
 * One thread's buffers for {@link MlpObjective}: the rows of the mini-batch being computed and every
 * layer's activations and deltas for up to {@link #capacity} of them, column-major (a row's values
 * for a layer are contiguous). Allocated once per thread; the dense input matrix only once a dense
 * row arrives, since a sparse fit over many features would not fit it.
 */
final class MlpScratch implements Objective.Scratch {
  final int capacity;
  private final int numFeatures;
  /** Dense rows of the batch, one column of {@code numFeatures} values each; null until needed. */
  private double[] input;
  /** {@code activations[l]}, l = 1..L: layer l's outputs (the last: class probabilities). */
  final double[][] activations;
  /** {@code deltas[l]}: d loss / d (layer l's pre-activation), scaled by each row's gradient scale. */
  final double[][] deltas;
  final Block[] blocks;
  final int[] rows;
  final double[] weights;
  final double[] scales;
  int count;
  boolean anySparse;

  MlpScratch(int[] layers, int capacity) {
    this.capacity = capacity;
    this.numFeatures = layers[0];
    this.activations = new double[layers.length][];
    this.deltas = new double[layers.length][];
    for (int l = 1; l < layers.length; l++) {
      activations[l] = new double[layers[l] * capacity];
      deltas[l] = new double[layers[l] * capacity];
    }
    this.blocks = new Block[capacity];
    this.rows = new int[capacity];
    this.weights = new double[capacity];
    this.scales = new double[capacity];
  }

  double[] input() {
    if (input == null) {
      input = new double[numFeatures * capacity];
    }
    return input;
  }

  boolean full() {
    return count == capacity;
  }

  void clear() {
    count = 0;
    anySparse = false;
  }
}
