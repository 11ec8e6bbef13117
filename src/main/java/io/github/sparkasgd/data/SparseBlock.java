package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;
import java.util.Arrays;

/**
 * Features in CSR form: row {@code i} owns the entries {@code indptr[i] .. indptr[i+1]-1}. Values are
 * float or double, indices 16-bit ({@code char}, when every index is below 65,536) or 32-bit: each
 * block holds exactly one array of each pair, so a float block over at most 65,536 features stores
 * 6 bytes per nonzero, half of a double CSR matrix with int indices.
 */
public final class SparseBlock extends Block {
  private static final long serialVersionUID = 3L;
  /** Feature counts up to this store their indices in 16 bits. */
  public static final int NARROW_INDEX_LIMIT = 1 << 16;

  private final int[] indptr;
  private final int[] indices;
  private final char[] narrowIndices;

  SparseBlock(int numFeatures, int[] indptr, int[] indices, char[] narrowIndices, float[] floats,
      double[] doubles, ScalarColumn labels, ScalarColumn weights) {
    super(numFeatures, floats, doubles, labels, weights);
    if ((indices == null) == (narrowIndices == null)) {
      throw new IllegalArgumentException("a sparse block holds int or char indices");
    }
    int nnz = floats != null ? floats.length : doubles.length;
    int indexCount = indices != null ? indices.length : narrowIndices.length;
    if (indptr.length != labels.size() + 1 || indexCount != nnz || indptr[labels.size()] != nnz) {
      throw new IllegalArgumentException("CSR arrays disagree on the number of rows or nonzeros");
    }
    if (narrowIndices != null && numFeatures > NARROW_INDEX_LIMIT) {
      throw new IllegalArgumentException("16-bit indices cannot address " + numFeatures + " features");
    }
    this.indptr = indptr;
    this.indices = indices;
    this.narrowIndices = narrowIndices;
  }

  /** Double-precision CSR rows with int indices (tests and callers outside the builder). */
  public SparseBlock(int numFeatures, int[] indptr, int[] indices, double[] values, double[] labels, double[] weights) {
    this(numFeatures, indptr, indices, null, null, values, ScalarColumn.ofDoubles(labels), ScalarColumn.ofDoubles(weights));
  }

  /** This block as the builder stores it by default: float values, 16-bit indices where they fit. */
  public SparseBlock compact() {
    int nnz = (int) storedValues();
    float[] f = new float[nnz];
    for (int k = 0; k < nnz; k++) {
      f[k] = (float) value(k);
    }
    char[] narrow = null;
    if (numFeatures() <= NARROW_INDEX_LIMIT) {
      narrow = new char[nnz];
      for (int k = 0; k < nnz; k++) {
        narrow[k] = (char) index(k);
      }
    }
    return new SparseBlock(numFeatures(), indptr, narrow == null ? (indices != null ? indices : wide()) : null,
        narrow, f, null, labels(), weights());
  }

  private int[] wide() {
    int[] a = new int[narrowIndices.length];
    for (int k = 0; k < a.length; k++) {
      a[k] = narrowIndices[k];
    }
    return a;
  }

  @Override
  public double dot(int row, double[] w, int off) {
    int from = indptr[row];
    int to = indptr[row + 1];
    if (narrowIndices != null) {
      return floats != null ? Kernels.sparseDot(narrowIndices, floats, from, to, w, off)
          : Kernels.sparseDot(narrowIndices, doubles, from, to, w, off);
    }
    return floats != null ? Kernels.sparseDot(indices, floats, from, to, w, off)
        : Kernels.sparseDot(indices, doubles, from, to, w, off);
  }

  @Override
  public void axpy(int row, double a, double[] w, int off) {
    int from = indptr[row];
    int to = indptr[row + 1];
    if (narrowIndices != null) {
      if (floats != null) {
        Kernels.sparseAxpy(narrowIndices, floats, from, to, a, w, off);
      } else {
        Kernels.sparseAxpy(narrowIndices, doubles, from, to, a, w, off);
      }
    } else if (floats != null) {
      Kernels.sparseAxpy(indices, floats, from, to, a, w, off);
    } else {
      Kernels.sparseAxpy(indices, doubles, from, to, a, w, off);
    }
  }

  @Override
  double[] scaleValues(FeatureScaling scaling) {
    double[] s = scaling.scales();
    if (s == null) {
      return null;
    }
    if (scaling.centers()) {
      throw new IllegalStateException("sparse features are never centred");
    }
    // One loop per storage form: a per-value branch on the form cost 6 ns per nonzero, a third of a
    // whole epoch's time on the synthetic sparse set. Norms are of the stored (rounded) values.
    int m = numRows();
    double[] norms = new double[m];
    if (narrowIndices != null && floats != null) {
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int k = indptr[i], end = indptr[i + 1]; k < end; k++) {
          float v = (float) (floats[k] * s[narrowIndices[k]]);
          floats[k] = v;
          sum += (double) v * v;
        }
        norms[i] = sum;
      }
    } else if (narrowIndices != null) {
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int k = indptr[i], end = indptr[i + 1]; k < end; k++) {
          double v = doubles[k] * s[narrowIndices[k]];
          doubles[k] = v;
          sum += v * v;
        }
        norms[i] = sum;
      }
    } else if (floats != null) {
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int k = indptr[i], end = indptr[i + 1]; k < end; k++) {
          float v = (float) (floats[k] * s[indices[k]]);
          floats[k] = v;
          sum += (double) v * v;
        }
        norms[i] = sum;
      }
    } else {
      for (int i = 0; i < m; i++) {
        double sum = 0;
        for (int k = indptr[i], end = indptr[i + 1]; k < end; k++) {
          double v = doubles[k] * s[indices[k]];
          doubles[k] = v;
          sum += v * v;
        }
        norms[i] = sum;
      }
    }
    return norms;
  }

  @Override
  public long storedValues() {
    return indptr[numRows()];
  }

  @Override
  public long bytes() {
    long nnz = storedValues();
    return 4L * indptr.length + (narrowIndices != null ? 2L : 4L) * nnz + valueBytes() + scalarBytes();
  }

  @Override
  public Block head(int rows) {
    int m = Math.min(rows, numRows());
    int nnz = indptr[m];
    Block copy = new SparseBlock(numFeatures(), Arrays.copyOf(indptr, m + 1),
        indices == null ? null : Arrays.copyOf(indices, nnz),
        narrowIndices == null ? null : Arrays.copyOf(narrowIndices, nnz),
        floats == null ? null : Arrays.copyOf(floats, nnz), doubles == null ? null : Arrays.copyOf(doubles, nnz),
        labels().head(m), weights().head(m));
    return isScaled() ? copy.markScaledCopy() : copy;
  }

  @Override
  public boolean isSparse() {
    return true;
  }

  @Override
  int valueStart(int row) {
    return indptr[row];
  }

  public int rowStart(int row) {
    return indptr[row];
  }

  public int rowEnd(int row) {
    return indptr[row + 1];
  }

  /** Feature index of entry {@code k} (row {@code i} owns {@code rowStart(i) .. rowEnd(i) - 1}). */
  public int index(int k) {
    return narrowIndices != null ? narrowIndices[k] : indices[k];
  }

  int[] indptr() {
    return indptr;
  }

  int[] wideIndices() {
    return indices;
  }

  char[] narrowIndices() {
    return narrowIndices;
  }
}
