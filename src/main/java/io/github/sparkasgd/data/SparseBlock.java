package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;
import java.util.Arrays;

/**
 * Features in CSR form: row {@code i} owns {@code indices/values[indptr[i] : indptr[i+1]]}, values
 * float or double (exactly one of the two is set).
 */
public final class SparseBlock extends Block {
  private static final long serialVersionUID = 2L;

  private final int[] indptr;
  private final int[] indices;
  private final float[] floats;
  private final double[] doubles;

  SparseBlock(int numFeatures, int[] indptr, int[] indices, float[] floats, double[] doubles,
      ScalarColumn labels, ScalarColumn weights) {
    super(numFeatures, labels, weights);
    if ((floats == null) == (doubles == null)) {
      throw new IllegalArgumentException("a sparse block holds float or double values");
    }
    int nnz = floats != null ? floats.length : doubles.length;
    if (indptr.length != labels.size() + 1 || indices.length != nnz || indptr[labels.size()] != nnz) {
      throw new IllegalArgumentException("CSR arrays disagree on the number of rows or nonzeros");
    }
    this.indptr = indptr;
    this.indices = indices;
    this.floats = floats;
    this.doubles = doubles;
  }

  /** Double-precision CSR rows (tests and callers outside the builder). */
  public SparseBlock(int numFeatures, int[] indptr, int[] indices, double[] values, double[] labels, double[] weights) {
    this(numFeatures, indptr, indices, null, values, ScalarColumn.ofDoubles(labels), ScalarColumn.ofDoubles(weights));
  }

  @Override
  public double dot(int row, double[] w, int off) {
    return floats != null ? Kernels.sparseDot(indices, floats, indptr[row], indptr[row + 1], w, off)
        : Kernels.sparseDot(indices, doubles, indptr[row], indptr[row + 1], w, off);
  }

  @Override
  public void axpy(int row, double a, double[] w, int off) {
    if (floats != null) {
      Kernels.sparseAxpy(indices, floats, indptr[row], indptr[row + 1], a, w, off);
    } else {
      Kernels.sparseAxpy(indices, doubles, indptr[row], indptr[row + 1], a, w, off);
    }
  }

  @Override
  public long storedValues() {
    return indptr[numRows()];
  }

  @Override
  public long bytes() {
    return 4L * indptr.length + 4L * indices.length + (floats != null ? 4L : 8L) * indices.length + scalarBytes();
  }

  @Override
  public ValuePrecision precision() {
    return floats != null ? ValuePrecision.FLOAT32 : ValuePrecision.FLOAT64;
  }

  @Override
  public Block head(int rows) {
    int m = Math.min(rows, numRows());
    int nnz = indptr[m];
    return new SparseBlock(numFeatures(), Arrays.copyOf(indptr, m + 1), Arrays.copyOf(indices, nnz),
        floats == null ? null : Arrays.copyOf(floats, nnz), doubles == null ? null : Arrays.copyOf(doubles, nnz),
        labels().head(m), weights().head(m));
  }

  @Override
  public boolean isSparse() {
    return true;
  }

  public int rowStart(int row) {
    return indptr[row];
  }

  public int rowEnd(int row) {
    return indptr[row + 1];
  }

  /** Feature indices; read-only for callers. */
  public int[] indices() {
    return indices;
  }

  /** Value {@code k} of the CSR arrays (row {@code i} owns {@code rowStart(i) .. rowEnd(i) - 1}). */
  public double value(int k) {
    return floats != null ? floats[k] : doubles[k];
  }

  int[] indptr() {
    return indptr;
  }

  float[] floats() {
    return floats;
  }

  double[] doubles() {
    return doubles;
  }
}
