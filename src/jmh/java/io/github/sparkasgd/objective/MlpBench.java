package io.github.sparkasgd.objective;

import io.github.sparkasgd.data.DenseBlock;
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
 * One forward and backward pass of a 784-100-10 ReLU MLP (Fashion-MNIST's shape) over {@link #ROWS}
 * dense rows, in mini-batches of {@code batch}: {@link MlpObjective}'s netlib {@code dgemm} kernels,
 * the same objective row by row (matrix-vector products), and a plain-array baseline with the same
 * arithmetic in straightforward loops. Scored in rows per second; a row costs
 * {@code 2 (2 * 784 * 100 + 2 * 100 * 10 + 100 * 10)} = 319,600 flops (forward, weight gradients,
 * the hidden layer's delta).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class MlpBench {
  static final int ROWS = 1024;
  static final int D = 784;
  static final int H = 100;
  static final int K = 10;

  @Param({"32", "128"})
  int batch;

  MlpObjective objective;
  DenseBlock block;
  double[] w;
  double[] grad;
  Objective.Scratch scratch;
  double[] x;
  int[] labels;
  double[] hidden;
  double[] out;
  double[] dHidden;

  @Setup
  public void setup() {
    Random r = new Random(1);
    x = new double[ROWS * D];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextGaussian();
    }
    double[] y = new double[ROWS];
    labels = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      labels[i] = r.nextInt(K);
      y[i] = labels[i];
    }
    double[] ones = new double[ROWS];
    java.util.Arrays.fill(ones, 1.0);
    block = new DenseBlock(D, x, y, ones);
    objective = new MlpObjective(new int[] {D, H, K}, MlpActivation.RELU, 0.0, batch);
    w = objective.initialWeights(1);
    grad = new double[w.length];
    scratch = objective.newScratch();
    hidden = new double[H * batch];
    out = new double[K * batch];
    dHidden = new double[H * batch];
  }

  /** rows/s (multiply by the ops per call: ROWS rows each). */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(ROWS)
  public double netlibMiniBatches() {
    return objective.addGradient(block, 0, ROWS, w, grad, scratch);
  }

  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(ROWS)
  public double rowByRow() {
    double loss = 0;
    for (int i = 0; i < ROWS; i++) {
      loss += objective.addGradient(block, i, 1.0, w, grad, scratch);
    }
    return loss;
  }

  /** The same passes with loops over plain arrays, the weights in the same column-major layout. */
  @Benchmark
  @org.openjdk.jmh.annotations.OperationsPerInvocation(ROWS)
  public double plainLoops() {
    int b1 = D * H;
    int w2 = b1 + H;
    int b2 = w2 + H * K;
    double loss = 0;
    for (int start = 0; start < ROWS; start += batch) {
      int m = Math.min(batch, ROWS - start);
      for (int r = 0; r < m; r++) {
        int xr = (start + r) * D;
        System.arraycopy(w, b1, hidden, r * H, H);
        for (int i = 0; i < D; i++) {
          double v = x[xr + i];
          for (int o = 0; o < H; o++) {
            hidden[r * H + o] += w[i * H + o] * v;
          }
        }
        for (int o = 0; o < H; o++) {
          hidden[r * H + o] = Math.max(0, hidden[r * H + o]);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < K; c++) {
          double z = w[b2 + c];
          for (int o = 0; o < H; o++) {
            z += w[w2 + o * K + c] * hidden[r * H + o];
          }
          out[r * K + c] = z;
          max = Math.max(max, z);
        }
        double sum = 0;
        for (int c = 0; c < K; c++) {
          out[r * K + c] = Math.exp(out[r * K + c] - max);
          sum += out[r * K + c];
        }
        loss += Math.log(sum) - Math.log(out[r * K + labels[start + r]]);
        for (int c = 0; c < K; c++) {
          out[r * K + c] = out[r * K + c] / sum - (c == labels[start + r] ? 1 : 0);
        }
        for (int o = 0; o < H; o++) {
          double d = 0;
          for (int c = 0; c < K; c++) {
            d += w[w2 + o * K + c] * out[r * K + c];
            grad[w2 + o * K + c] += out[r * K + c] * hidden[r * H + o];
          }
          dHidden[r * H + o] = hidden[r * H + o] > 0 ? d : 0;
        }
        for (int c = 0; c < K; c++) {
          grad[b2 + c] += out[r * K + c];
        }
      }
      for (int r = 0; r < m; r++) {
        int xr = (start + r) * D;
        for (int i = 0; i < D; i++) {
          double v = x[xr + i];
          for (int o = 0; o < H; o++) {
            grad[i * H + o] += dHidden[r * H + o] * v;
          }
        }
        for (int o = 0; o < H; o++) {
          grad[b1 + o] += dHidden[r * H + o];
        }
      }
    }
    return loss;
  }
}
