package io.github.sparkasgd.linalg;

import dev.ludovic.netlib.blas.BLAS;

/** Dense and sparse dot/axpy on slices of primitive arrays. */
public final class Kernels {

  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

  private Kernels() {}

  /** {@code x[xOff : xOff+n] . y[yOff : yOff+n]}. */
  public static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    return BLAS_INSTANCE.ddot(n, x, xOff, 1, y, yOff, 1);
  }

  /** {@code y[yOff : yOff+n] += a * x[xOff : xOff+n]}. */
  public static void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    BLAS_INSTANCE.daxpy(n, a, x, xOff, 1, y, yOff, 1);
  }

  /** {@code x[0:n] *= a}. */
  public static void scal(int n, double a, double[] x) {
    BLAS_INSTANCE.dscal(n, a, x, 1);
  }

  /** Sparse slice {@code (indices, values)[from:to]} dotted with {@code w[wOff + index]}. */
  public static double sparseDot(int[] indices, double[] values, int from, int to, double[] w, int wOff) {
    double s = 0.0;
    for (int k = from; k < to; k++) {
      s += values[k] * w[wOff + indices[k]];
    }
    return s;
  }

  /** {@code w[wOff + index] += a * value} over the sparse slice. */
  public static void sparseAxpy(int[] indices, double[] values, int from, int to, double a, double[] w, int wOff) {
    for (int k = from; k < to; k++) {
      w[wOff + indices[k]] += a * values[k];
    }
  }
}
