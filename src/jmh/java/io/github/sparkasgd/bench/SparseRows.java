package io.github.sparkasgd.bench;

import io.github.sparkasgd.cli.ZipfLaw;
import io.github.sparkasgd.data.SparseBlock;
import java.util.Arrays;
import java.util.SplittableRandom;

/** RCV1-shaped sparse blocks for the kernel benchmarks: fixed nonzeros per row, random 0/1 labels. */
public final class SparseRows {
  private SparseRows() {}

  /**
   * @param zipf feature j is drawn with probability proportional to 1 / (j + 1)^zipf; 0 is uniform
   */
  public static SparseBlock block(int rows, int nnz, int features, double zipf, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    ZipfLaw ranks = new ZipfLaw(features, zipf);
    int[] indptr = new int[rows + 1];
    int[] indices = new int[rows * nnz];
    double[] values = new double[rows * nnz];
    double[] labels = new double[rows];
    int[] row = new int[nnz];
    for (int i = 0; i < rows; i++) {
      int n = 0;
      while (n < nnz) {
        int j = ranks.rank(r.nextDouble());
        boolean seen = false;
        for (int k = 0; k < n; k++) {
          seen |= row[k] == j;
        }
        if (!seen) {
          row[n++] = j;
        }
      }
      Arrays.sort(row);
      for (int k = 0; k < nnz; k++) {
        indices[i * nnz + k] = row[k];
        values[i * nnz + k] = r.nextDouble() / Math.sqrt(nnz);
      }
      indptr[i + 1] = (i + 1) * nnz;
      labels[i] = r.nextInt(2);
    }
    double[] weights = new double[rows];
    Arrays.fill(weights, 1.0);
    return new SparseBlock(features, indptr, indices, values, labels, weights);
  }
}
