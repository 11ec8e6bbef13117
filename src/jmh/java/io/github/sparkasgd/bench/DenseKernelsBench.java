package io.github.sparkasgd.bench;

import io.github.sparkasgd.linalg.Kernels;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Dense dot and axpy of one row (Fashion-MNIST has 784 features): netlib on double rows (its
 * VectorBLAS when the JVM runs with {@code --add-modules jdk.incubator.vector}, F2J otherwise), our
 * kernels on float rows, and plain loops.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DenseKernelsBench {
  @Param({"784"})
  int n;
  double[] x;
  float[] xf;
  double[] y;

  @Setup
  public void setup() {
    Random r = new Random(1);
    x = r.doubles(n).toArray();
    y = r.doubles(n).toArray();
    xf = new float[n];
    for (int i = 0; i < n; i++) {
      xf[i] = (float) x[i];
    }
  }

  @Benchmark
  public double dotFloatKernels() {
    return Kernels.dot(n, xf, 0, y, 0);
  }

  @Benchmark
  public double[] axpyFloatKernels() {
    Kernels.axpy(n, 1e-9, xf, 0, y, 0);
    return y;
  }

  @Benchmark
  public double dotKernels() {
    return Kernels.dot(n, x, 0, y, 0);
  }

  @Benchmark
  public double dotBaseline() {
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += x[i] * y[i];
    }
    return s;
  }

  @Benchmark
  public double[] axpyKernels() {
    Kernels.axpy(n, 1e-9, x, 0, y, 0);
    return y;
  }

  @Benchmark
  public double[] axpyBaseline() {
    for (int i = 0; i < n; i++) {
      y[i] += 1e-9 * x[i];
    }
    return y;
  }
}
