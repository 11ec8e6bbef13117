package io.github.sparkasgd.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Dense kernels over single-precision rows on the JDK's vector module: each step loads as many floats
 * as the widest double vector has lanes, widens them and fuses multiply and add in double. Loaded by
 * {@link Kernels} only when the JVM runs with {@code --add-modules jdk.incubator.vector} (as netlib's
 * VectorBLAS, which serves the double kernels then); stateless and thread-safe.
 */
final class VectorKernels {
  private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Float> FLOATS =
      VectorSpecies.of(float.class, VectorShape.forBitSize(DOUBLES.vectorBitSize() / 2));

  private VectorKernels() {}

  static double dot(int n, float[] x, int xOff, double[] y, int yOff) {
    DoubleVector acc = DoubleVector.zero(DOUBLES);
    int i = 0;
    for (int bound = DOUBLES.loopBound(n); i < bound; i += DOUBLES.length()) {
      DoubleVector xv = (DoubleVector) FloatVector.fromArray(FLOATS, x, xOff + i)
          .convertShape(VectorOperators.F2D, DOUBLES, 0);
      acc = xv.fma(DoubleVector.fromArray(DOUBLES, y, yOff + i), acc);
    }
    double s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += x[xOff + i] * y[yOff + i];
    }
    return s;
  }

  static void axpy(int n, double a, float[] x, int xOff, double[] y, int yOff) {
    DoubleVector av = DoubleVector.broadcast(DOUBLES, a);
    int i = 0;
    for (int bound = DOUBLES.loopBound(n); i < bound; i += DOUBLES.length()) {
      DoubleVector xv = (DoubleVector) FloatVector.fromArray(FLOATS, x, xOff + i)
          .convertShape(VectorOperators.F2D, DOUBLES, 0);
      xv.fma(av, DoubleVector.fromArray(DOUBLES, y, yOff + i)).intoArray(y, yOff + i);
    }
    for (; i < n; i++) {
      y[yOff + i] += a * x[xOff + i];
    }
  }
}
