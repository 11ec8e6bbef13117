package io.github.sparkasgd.linalg;

import dev.ludovic.netlib.blas.BLAS;

/**
 * Dense and sparse dot/axpy on slices of primitive arrays. Double dense kernels go through netlib
 * (its VectorBLAS when the JVM runs with {@code --add-modules jdk.incubator.vector}, F2J otherwise);
 * float dense kernels through {@link VectorKernels} with that module, plain loops without it.
 */
public final class Kernels {

  private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
  /** Whether the JVM resolved the vector module, without which {@link VectorKernels} cannot load. */
  static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private Kernels() {}

  /** Whether this JVM runs the dense float kernels on the vector module (else: plain loops). */
  public static boolean vectorized() {
    return VECTOR_MODULE;
  }

  /** {@code x[xOff : xOff+n] . y[yOff : yOff+n]}. */
  public static double dot(int n, double[] x, int xOff, double[] y, int yOff) {
    return BLAS_INSTANCE.ddot(n, x, xOff, 1, y, yOff, 1);
  }

  /** {@code y[yOff : yOff+n] += a * x[xOff : xOff+n]}. */
  public static void axpy(int n, double a, double[] x, int xOff, double[] y, int yOff) {
    BLAS_INSTANCE.daxpy(n, a, x, xOff, 1, y, yOff, 1);
  }

  /** {@code x[xOff : xOff+n] . y[yOff : yOff+n]} with single-precision {@code x}, summed in double. */
  public static double dot(int n, float[] x, int xOff, double[] y, int yOff) {
    return VECTOR_MODULE ? VectorKernels.dot(n, x, xOff, y, yOff) : plainDot(n, x, xOff, y, yOff);
  }

  static double plainDot(int n, float[] x, int xOff, double[] y, int yOff) {
    // Four partial sums: the adds of one sum depend on each other, four independent ones keep the
    // floating-point units busy (the JIT does not reorder a double reduction by itself).
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += x[xOff + i] * y[yOff + i];
      s1 += x[xOff + i + 1] * y[yOff + i + 1];
      s2 += x[xOff + i + 2] * y[yOff + i + 2];
      s3 += x[xOff + i + 3] * y[yOff + i + 3];
    }
    for (; i < n; i++) {
      s0 += x[xOff + i] * y[yOff + i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** {@code ||x[xOff : xOff+n] - y[yOff : yOff+n]||^2} with single-precision {@code x}. */
  public static double squaredDistance(int n, float[] x, int xOff, double[] y, int yOff) {
    // Two partial sums, as plainDot's four: independent adds keep the floating-point units busy.
    double s0 = 0.0;
    double s1 = 0.0;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      double a = x[xOff + i] - y[yOff + i];
      double b = x[xOff + i + 1] - y[yOff + i + 1];
      s0 += a * a;
      s1 += b * b;
    }
    if (i < n) {
      double a = x[xOff + i] - y[yOff + i];
      s0 += a * a;
    }
    return s0 + s1;
  }

  /** {@code ||x[xOff : xOff+n] - y[yOff : yOff+n]||^2}. */
  public static double squaredDistance(int n, double[] x, int xOff, double[] y, int yOff) {
    double s0 = 0.0;
    double s1 = 0.0;
    int i = 0;
    for (; i + 1 < n; i += 2) {
      double a = x[xOff + i] - y[yOff + i];
      double b = x[xOff + i + 1] - y[yOff + i + 1];
      s0 += a * a;
      s1 += b * b;
    }
    if (i < n) {
      double a = x[xOff + i] - y[yOff + i];
      s0 += a * a;
    }
    return s0 + s1;
  }

  /** {@code y[yOff : yOff+n] += a * x[xOff : xOff+n]} with single-precision {@code x}. */
  public static void axpy(int n, double a, float[] x, int xOff, double[] y, int yOff) {
    if (VECTOR_MODULE) {
      VectorKernels.axpy(n, a, x, xOff, y, yOff);
    } else {
      plainAxpy(n, a, x, xOff, y, yOff);
    }
  }

  static void plainAxpy(int n, double a, float[] x, int xOff, double[] y, int yOff) {
    for (int i = 0; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }

  /**
   * {@code C = alpha op(A) op(B) + beta C} on column-major slices ({@code op} is the transpose where
   * {@code transA}/{@code transB} say so): the MLP's forward and backward passes over a mini-batch.
   */
  public static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOff,
      int lda, double[] b, int bOff, int ldb, double beta, double[] c, int cOff, int ldc) {
    BLAS_INSTANCE.dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta,
        c, cOff, ldc);
  }

  /** {@code y = alpha op(A) x + beta y} on a column-major slice {@code A} (m x n). */
  public static void gemv(boolean transA, int m, int n, double alpha, double[] a, int aOff, int lda, double[] x,
      int xOff, double beta, double[] y, int yOff) {
    BLAS_INSTANCE.dgemv(transA ? "T" : "N", m, n, alpha, a, aOff, lda, x, xOff, 1, beta, y, yOff, 1);
  }

  /** {@code A += alpha x y^T} on a column-major slice {@code A} (m x n). */
  public static void ger(int m, int n, double alpha, double[] x, int xOff, double[] y, int yOff, double[] a, int aOff,
      int lda) {
    BLAS_INSTANCE.dger(m, n, alpha, x, xOff, 1, y, yOff, 1, a, aOff, lda);
  }

  /** {@code x[off:off+n] *= a}. */
  public static void scal(int n, double a, double[] x, int off) {
    BLAS_INSTANCE.dscal(n, a, x, off, 1);
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

  /** {@link #sparseDot(int[], double[], int, int, double[], int)} with single-precision values. */
  public static double sparseDot(int[] indices, float[] values, int from, int to, double[] w, int wOff) {
    double s = 0.0;
    for (int k = from; k < to; k++) {
      s += values[k] * w[wOff + indices[k]];
    }
    return s;
  }

  /** {@link #sparseAxpy(int[], double[], int, int, double, double[], int)} with single-precision values. */
  public static void sparseAxpy(int[] indices, float[] values, int from, int to, double a, double[] w, int wOff) {
    for (int k = from; k < to; k++) {
      w[wOff + indices[k]] += a * values[k];
    }
  }

  /** {@code w[wOff + index] += a * value} over the sparse slice. */
  public static void sparseAxpy(int[] indices, double[] values, int from, int to, double a, double[] w, int wOff) {
    for (int k = from; k < to; k++) {
      w[wOff + indices[k]] += a * values[k];
    }
  }
  /** Sparse dot with 16-bit indices (feature counts up to 65,536) and single-precision values. */
  public static double sparseDot(char[] indices, float[] values, int from, int to, double[] w, int wOff) {
    double s = 0.0;
    for (int k = from; k < to; k++) {
      s += values[k] * w[wOff + indices[k]];
    }
    return s;
  }

  /** Sparse dot with 16-bit indices and double values. */
  public static double sparseDot(char[] indices, double[] values, int from, int to, double[] w, int wOff) {
    double s = 0.0;
    for (int k = from; k < to; k++) {
      s += values[k] * w[wOff + indices[k]];
    }
    return s;
  }

  /** Sparse axpy with 16-bit indices and single-precision values. */
  public static void sparseAxpy(char[] indices, float[] values, int from, int to, double a, double[] w, int wOff) {
    for (int k = from; k < to; k++) {
      w[wOff + indices[k]] += a * values[k];
    }
  }

  /** Sparse axpy with 16-bit indices and double values. */
  public static void sparseAxpy(char[] indices, double[] values, int from, int to, double a, double[] w, int wOff) {
    for (int k = from; k < to; k++) {
      w[wOff + indices[k]] += a * values[k];
    }
  }
}
