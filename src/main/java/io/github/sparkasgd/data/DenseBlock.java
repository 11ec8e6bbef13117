package io.github.sparkasgd.data;

import io.github.sparkasgd.linalg.Kernels;

/** Features as one contiguous row-major {@code double[]}. */
public final class DenseBlock extends Block {
  private static final long serialVersionUID = 1L;

  private final double[] values;

  public DenseBlock(int numFeatures, double[] values, double[] labels, double[] weights) {
    super(numFeatures, labels, weights);
    this.values = values;
  }

  @Override
  public double dot(int row, double[] w, int off) {
    return Kernels.dot(numFeatures(), values, row * numFeatures(), w, off);
  }

  @Override
  public void axpy(int row, double a, double[] w, int off) {
    Kernels.axpy(numFeatures(), a, values, row * numFeatures(), w, off);
  }

  @Override
  public long storedValues() {
    return (long) numRows() * numFeatures();
  }

  @Override
  public Block head(int rows) {
    int m = Math.min(rows, numRows());
    return new DenseBlock(numFeatures(), java.util.Arrays.copyOf(values, m * numFeatures()),
        labelsHead(m), weightsHead(m));
  }

  @Override
  public boolean isSparse() {
    return false;
  }
}
