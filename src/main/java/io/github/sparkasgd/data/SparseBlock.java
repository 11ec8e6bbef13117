package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;

/** Features in CSR form: row {@code i} owns {@code indices/values[indptr[i] : indptr[i+1]]}. */
public final class SparseBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final int[] indptr;
  private final int[] indices;
  private final double[] values;

  public SparseBlock(int numFeatures, int[] indptr, int[] indices, double[] values, double[] labels, double[] weights) {
    super(numFeatures, labels, weights);
    this.indptr = indptr;
    this.indices = indices;
    this.values = values;
  }

  @Override
  public double dot(int row, double[] w, int off) {
    return Kernels.sparseDot(indices, values, indptr[row], indptr[row + 1], w, off);
  }

  @Override
  public void axpy(int row, double a, double[] w, int off) {
    Kernels.sparseAxpy(indices, values, indptr[row], indptr[row + 1], a, w, off);
  }

  @Override
  public long storedValues() {
    return indptr[numRows()];
  }

  @Override
  public Block head(int rows) {
    int m = Math.min(rows, numRows());
    int nnz = indptr[m];
    return new SparseBlock(numFeatures(), java.util.Arrays.copyOf(indptr, m + 1),
        java.util.Arrays.copyOf(indices, nnz), java.util.Arrays.copyOf(values, nnz), labelsHead(m), weightsHead(m));
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

  /** Feature values; read-only for callers. */
  public double[] values() {
    return values;
  }
}
