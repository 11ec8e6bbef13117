package io.github.sparkasgd.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The float-row kernels, on the vector module and as plain loops, against double arithmetic. */
class KernelsTest {
  @Test
  void floatRowKernelsMatchDoubleArithmeticAtEveryLengthAndOffset() {
    // The build's test JVM has the module: the vector path must be the one in use.
    assertTrue(Kernels.VECTOR_MODULE, "tests run with --add-modules jdk.incubator.vector");
    SplittableRandom r = new SplittableRandom(9);
    for (int n = 0; n < 70; n++) {
      for (int xOff : new int[] {0, 3}) {
        float[] x = new float[n + xOff];
        double[] y = new double[n + 5];
        for (int i = 0; i < x.length; i++) {
          x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
          y[i] = r.nextGaussian();
        }
        double expected = 0;
        for (int i = 0; i < n; i++) {
          expected += (double) x[xOff + i] * y[5 + i];
        }
        assertEquals(expected, VectorKernels.dot(n, x, xOff, y, 5), 1e-12 * (1 + n), "vector dot n=" + n);
        assertEquals(expected, Kernels.plainDot(n, x, xOff, y, 5), 1e-12 * (1 + n), "plain dot n=" + n);
        double[] v = y.clone();
        double[] p = y.clone();
        VectorKernels.axpy(n, 0.7, x, xOff, v, 5);
        Kernels.plainAxpy(n, 0.7, x, xOff, p, 5);
        for (int i = 0; i < y.length; i++) {
          double e = i >= 5 ? y[i] + 0.7 * x[xOff + i - 5] : y[i];
          assertEquals(e, v[i], 1e-15 * (1 + Math.abs(e)), "vector axpy n=" + n + " at " + i);
          assertEquals(e, p[i], 1e-15 * (1 + Math.abs(e)), "plain axpy n=" + n + " at " + i);
        }
      }
    }
  }
}
