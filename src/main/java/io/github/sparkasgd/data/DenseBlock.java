package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;
import java.util.Arrays;

/** Features as one contiguous row-major array: cell {@code i * numFeatures + j} is row i, feature j. */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 2L;

  DenseBlock(int numFeatures, float[] floats, double[] doubles, ScalarColumn labels, ScalarColumn weights) {
    super(numFeatures, floats, doubles, labels, weights);
    long cells = (long) labels.size() * numFeatures;
    if ((floats != null ? floats.length : doubles.length) != cells) {
      throw new IllegalArgumentException("dense values do not hold rows x features cells");
    }
  }

  /** Double-precision dense rows (tests and callers outside the builder). */
  public DenseBlock(int numFeatures, double[] values, double[] labels, double[] weights) {
    this(numFeatures, null, values, ScalarColumn.ofDoubles(labels), ScalarColumn.ofDoubles(weights));
  }

  @Override
  public double dot(int row, double[] w, int off) {
    int d = numFeatures();
    return floats != null ? Kernels.dot(d, floats, row * d, w, off) : Kernels.dot(d, doubles, row * d, w, off);
  }

  @Override
  public void axpy(int row, double a, double[] w, int off) {
    int d = numFeatures();
    if (floats != null) {
      Kernels.axpy(d, a, floats, row * d, w, off);
    } else {
      Kernels.axpy(d, a, doubles, row * d, w, off);
    }
  }

  /** {@code ||x_row - w[off : off + numFeatures]||^2}, summed directly (no norms needed). */
  public double squaredDistance(int row, double[] w, int off) {
    int d = numFeatures();
    return floats != null ? Kernels.squaredDistance(d, floats, row * d, w, off)
        : Kernels.squaredDistance(d, doubles, row * d, w, off);
  }

  /**
   * {@code out[c] = sum_f x_row[f] matrix[f * cols + c]} for {@code c < cols}: the row against every
   * column of a feature-major matrix at once. The inner loop runs over contiguous columns, which the
   * JIT vectorises, where one dot per column pays a reduction per column.
   */
  public void multiplyRow(int row, double[] matrix, int cols, double[] out) {
    int d = numFeatures();
    Arrays.fill(out, 0, cols, 0.0);
    int base = row * d;
    for (int f = 0; f < d; f++) {
      double x = floats != null ? floats[base + f] : doubles[base + f];
      int m = f * cols;
      for (int c = 0; c < cols; c++) {
        out[c] += x * matrix[m + c];
      }
    }
  }

  /** Copies row {@code row}'s values into {@code dst[off : off + numFeatures]}, widened to double. */
  public void copyRow(int row, double[] dst, int off) {
    int d = numFeatures();
    if (doubles != null) {
      System.arraycopy(doubles, row * d, dst, off, d);
    } else {
      for (int j = 0, k = row * d; j < d; j++, k++) {
        dst[off + j] = floats[k];
      }
    }
  }

  @Override
  int valueStart(int row) {
    return row * numFeatures();
  }

  @Override
  double[] scaleValues(FeatureScaling scaling) {
    int d = numFeatures();
    double[] norms = new double[numRows()];
    for (int row = 0, base = 0; row < numRows(); row++, base += d) {
      double sum = 0;
      for (int j = 0; j < d; j++) {
        scaleValue(base + j, j, scaling);
        double v = value(base + j);
        sum += v * v;
      }
      norms[row] = sum;
    }
    return norms;
  }

  @Override
  public long storedValues() {
    return (long) numRows() * numFeatures();
  }

  @Override
  public long bytes() {
    return valueBytes() + scalarBytes();
  }

  @Override
  public Block head(int rows) {
    int m = Math.min(rows, numRows());
    int cells = m * numFeatures();
    Block copy = new DenseBlock(numFeatures(), floats == null ? null : Arrays.copyOf(floats, cells),
        doubles == null ? null : Arrays.copyOf(doubles, cells), labels().head(m), weights().head(m));
    return isScaled() ? copy.markScaledCopy() : copy;
  }

  @Override
  public boolean isSparse() {
    return false;
  }
}
