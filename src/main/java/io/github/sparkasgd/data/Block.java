package io.github.sparkasgd.data;

import java.io.Serializable;

/**
 * A chunk of a partition's rows as primitive arrays; a partition is a list of them, each small enough
 * to serialize on its own when Spark moves it to disk. Solvers see rows only through {@link #dot} and
 * {@link #axpy}, so one loop serves dense and sparse, float and double data; kernels that need CSR
 * internals (lazy regularization) ask {@link #isSparse()} and use {@link SparseBlock}'s arrays.
 *
 * <p>Blocks are built with the input's values and changed once afterwards, in place, by
 * {@link #applyScaling} (so that the input is read once, before its moments are known); from then on
 * they are read-only and any number of threads may read them. Whoever hands a block to a solver
 * applies the fit's scaling first: a block Spark read back from disk comes unscaled, since only the
 * copy in memory was changed. Java serialization goes through {@link BlockCodec}'s compact form (see
 * {@link SerializedBlock}), never through the default one.
 */
public abstract class Block implements Serializable {
  private static final long serialVersionUID = 2L;

  private final int numFeatures;
  private ScalarColumn labels;
  private final ScalarColumn weights;
  private boolean scaled;
  /** {@link #squaredNorm} of every row, computed on first use after scaling; not serialized. */
  private transient volatile double[] squaredNorms;
  /** The feature values, in exactly one of the two precisions (the other is null). */
  final float[] floats;
  final double[] doubles;

  Block(int numFeatures, float[] floats, double[] doubles, ScalarColumn labels, ScalarColumn weights) {
    if (labels.size() != weights.size()) {
      throw new IllegalArgumentException("labels and weights differ in length");
    }
    if ((floats == null) == (doubles == null)) {
      throw new IllegalArgumentException("a block holds float or double values");
    }
    this.numFeatures = numFeatures;
    this.floats = floats;
    this.doubles = doubles;
    this.labels = labels;
    this.weights = weights;
  }

  /** Stored value {@code k} (a cell of a dense block, an entry of a sparse one). */
  public final double value(int k) {
    return floats != null ? floats[k] : doubles[k];
  }

  /** Stored value {@code k}, which belongs to feature {@code j}, becomes {@code scaling.feature(j, value)}. */
  final void scaleValue(int k, int j, FeatureScaling scaling) {
    if (floats != null) {
      floats[k] = (float) scaling.feature(j, floats[k]);
    } else {
      doubles[k] = scaling.feature(j, doubles[k]);
    }
  }

  /** How feature values are stored. */
  public final ValuePrecision precision() {
    return floats != null ? ValuePrecision.FLOAT32 : ValuePrecision.FLOAT64;
  }

  /** Heap bytes of the value array. */
  final long valueBytes() {
    return floats != null ? 4L * floats.length : 8L * doubles.length;
  }

  public final int numRows() {
    return labels.size();
  }

  public final int numFeatures() {
    return numFeatures;
  }

  public final double label(int row) {
    return labels.get(row);
  }

  public final double weight(int row) {
    return weights.get(row);
  }

  final ScalarColumn labels() {
    return labels;
  }

  final ScalarColumn weights() {
    return weights;
  }

  /**
   * Scales the stored values and labels by {@code scaling}, once: later calls (the same scaling,
   * from other jobs or threads) return at once. Dense blocks are centred when the scaling centres.
   *
   * @return this block
   */
  public final synchronized Block applyScaling(FeatureScaling scaling) {
    if (scaled) {
      return this;
    }
    double[] norms = null;
    if (scaling.scalesFeatures()) {
      if (scaling.centers() && isSparse()) {
        throw new IllegalStateException("a sparse block cannot be centred");
      }
      norms = scaleValues(scaling);
    }
    if (scaling.labelShift() != 0.0 || scaling.labelScale() != 1.0) {
      double[] y = new double[numRows()];
      for (int i = 0; i < y.length; i++) {
        y[i] = scaling.label(labels.get(i));
      }
      labels = ScalarColumn.of(y);
    }
    scaled = true;
    squaredNorms = norms;
    return this;
  }

  /**
   * {@code ||x_row||^2} of the stored (scaled) values. Cached per block: SGD steps cap their size by it,
   * and recomputing it would be a second pass over every row on every step. Threads racing on the
   * first call compute the same array.
   */
  public final double squaredNorm(int row) {
    double[] norms = squaredNorms;
    if (norms == null) {
      norms = new double[numRows()];
      for (int i = 0; i < norms.length; i++) {
        norms[i] = floats != null ? sumOfSquares(floats, valueStart(i), valueStart(i + 1))
            : sumOfSquares(doubles, valueStart(i), valueStart(i + 1));
      }
      squaredNorms = norms;
    }
    return norms[row];
  }

  private static double sumOfSquares(float[] v, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += (double) v[k] * v[k];
    }
    return sum;
  }

  private static double sumOfSquares(double[] v, int from, int to) {
    double sum = 0;
    for (int k = from; k < to; k++) {
      sum += v[k] * v[k];
    }
    return sum;
  }

  /** Index of the row's first stored value; its values end where row {@code row + 1}'s start. */
  abstract int valueStart(int row);

  /** Whether {@link #applyScaling} ran on this copy of the block. */
  final synchronized boolean isScaled() {
    return scaled;
  }

  final synchronized void markScaled() {
    scaled = true;
  }

  /** Marks a copy of a scaled block's rows as scaled; returns it. */
  final Block markScaledCopy() {
    markScaled();
    return this;
  }

  /**
   * Feature j of every stored value becomes {@code scaling.feature(j, value)}.
   *
   * @return every row's {@link #squaredNorm} after scaling, summed in the same pass (a pass of its own
   *     on the first SGD step cost a third of an epoch on sparse data)
   */
  abstract double[] scaleValues(FeatureScaling scaling);

  /** {@code x_row . w[off : off + numFeatures]}. */
  public abstract double dot(int row, double[] w, int off);

  /** {@code w[off : off + numFeatures] += a * x_row}. */
  public abstract void axpy(int row, double a, double[] w, int off);

  public abstract boolean isSparse();

  /** Feature values stored: every cell of a dense block, the nonzeros of a sparse one. */
  public abstract long storedValues();

  /** Heap bytes of the block's arrays (object headers aside): what caching it costs. */
  public abstract long bytes();

  /**
   * A copy of the first {@code rows} rows. Blocks store their rows in a random order, so the head of
   * a block is a uniform sample of its rows.
   */
  public abstract Block head(int rows);

  final long scalarBytes() {
    return labels.byteSize() + weights.byteSize();
  }

  /** Spark moves cached blocks to disk and executors through Java serialization: use our form. */
  protected final Object writeReplace() {
    return new SerializedBlock(BlockCodec.encode(this));
  }
}
