package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;
import java.util.Arrays;

/** Features as one contiguous row-major array, float or double (exactly one of the two is set). */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 2L;

  private final float[] floats;
  private final double[] doubles;

  DenseBlock(int numFeatures, float[] floats, double[] doubles, ScalarColumn labels, ScalarColumn weights) {
    super(numFeatures, labels, weights);
    if ((floats == null) == (doubles == null)) {
      throw new IllegalArgumentException("a dense block holds float or double values");
    }
    long cells = (long) labels.size() * numFeatures;
    if ((floats != null ? floats.length : doubles.length) != cells) {
      throw new IllegalArgumentException("dense values do not hold rows x features cells");
    }
    this.floats = floats;
    this.doubles = doubles;
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

  @Override
  void scaleValues(FeatureScaling scaling) {
    int d = numFeatures();
    for (int row = 0, base = 0; row < numRows(); row++, base += d) {
      for (int j = 0; j < d; j++) {
        if (floats != null) {
          floats[base + j] = (float) scaling.feature(j, floats[base + j]);
        } else {
          doubles[base + j] = scaling.feature(j, doubles[base + j]);
        }
      }
    }
  }

  @Override
  public long storedValues() {
    return (long) numRows() * numFeatures();
  }

  @Override
  public long bytes() {
    return (floats != null ? 4L * floats.length : 8L * doubles.length) + scalarBytes();
  }

  @Override
  public ValuePrecision precision() {
    return floats != null ? ValuePrecision.FLOAT32 : ValuePrecision.FLOAT64;
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

  /** Cell {@code k} of the row-major values (row i, feature j: k = i * numFeatures + j). */
  public double value(int k) {
    return floats != null ? floats[k] : doubles[k];
  }

  float[] floats() {
    return floats;
  }

  double[] doubles() {
    return doubles;
  }
}
