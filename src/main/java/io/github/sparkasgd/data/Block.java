package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * The rows of one partition as primitive arrays. Solvers see rows only through {@link #dot} and
 * {@link #axpy}, so one loop serves dense and sparse data; kernels that need CSR internals (lazy
 * regularization) ask {@link #isSparse()} and use {@link SparseBlock}'s arrays.
 */
public abstract class Block implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int numFeatures;
  private final double[] labels;
  private final double[] weights;

  Block(int numFeatures, double[] labels, double[] weights) {
    this.numFeatures = numFeatures;
    this.labels = labels;
    this.weights = weights;
  }

  public final int numRows() {
    return labels.length;
  }

  public final int numFeatures() {
    return numFeatures;
  }

  public final double label(int row) {
    return labels[row];
  }

  public final double weight(int row) {
    return weights[row];
  }

  /** {@code x_row . w[off : off + numFeatures]}. */
  public abstract double dot(int row, double[] w, int off);

  /** {@code w[off : off + numFeatures] += a * x_row}. */
  public abstract void axpy(int row, double a, double[] w, int off);

  public abstract boolean isSparse();

  /** Feature values stored: every cell of a dense block, the nonzeros of a sparse one. */
  public abstract long storedValues();

  /**
   * A copy of the first {@code rows} rows. Blocks store their rows in a random order, so the head of
   * a block is a uniform sample of its partition.
   */
  public abstract Block head(int rows);

  final double[] labelsHead(int rows) {
    return java.util.Arrays.copyOf(labels, rows);
  }

  final double[] weightsHead(int rows) {
    return java.util.Arrays.copyOf(weights, rows);
  }
}
