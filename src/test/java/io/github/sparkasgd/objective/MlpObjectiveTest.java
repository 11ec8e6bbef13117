package io.github.sparkasgd.objective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.DenseBlock;
import io.github.sparkasgd.data.SparseBlock;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** MlpObjective's loss, gradients and steps against finite differences and the plain formulas. */
class MlpObjectiveTest {
  private static final int[] LAYERS = {6, 5, 4, 3};
  private static final int ROWS = 11;

  /** Rows with about half their features zero, as one dense and one sparse block of the same values. */
  private static Block[] blocks(long seed) {
    Random r = new Random(seed);
    int d = LAYERS[0];
    double[] values = new double[ROWS * d];
    double[] labels = new double[ROWS];
    double[] weights = new double[ROWS];
    int[] indptr = new int[ROWS + 1];
    int nnz = 0;
    int[] indices = new int[ROWS * d];
    double[] nonzeros = new double[ROWS * d];
    for (int i = 0; i < ROWS; i++) {
      for (int j = 0; j < d; j++) {
        if (r.nextBoolean()) {
          double v = r.nextGaussian();
          values[i * d + j] = v;
          indices[nnz] = j;
          nonzeros[nnz++] = v;
        }
      }
      indptr[i + 1] = nnz;
      labels[i] = r.nextInt(LAYERS[LAYERS.length - 1]);
      weights[i] = i == 3 ? 0.0 : 0.5 + r.nextDouble(); // one row of weight 0
    }
    return new Block[] {new DenseBlock(d, values, labels, weights),
        new SparseBlock(d, indptr, java.util.Arrays.copyOf(indices, nnz), java.util.Arrays.copyOf(nonzeros, nnz),
            labels, weights)};
  }

  private static double weightSum(Block b) {
    double s = 0;
    for (int i = 0; i < b.numRows(); i++) {
      s += b.weight(i);
    }
    return s;
  }

  /** {@code (1/W) sum weight_i loss_i + penalty}, row by row through {@link MlpObjective#loss}. */
  private static double objective(MlpObjective f, Block b, double[] w) {
    Objective.Scratch s = f.newScratch();
    double sum = 0;
    for (int i = 0; i < b.numRows(); i++) {
      sum += b.weight(i) * f.loss(b, i, w, s);
    }
    return sum / weightSum(b) + f.penalty(w);
  }

  /** The objective's gradient: the mini-batch kernel's mean, plus {@code regParam * W} on weights (not biases). */
  private static double[] gradient(MlpObjective f, Block b, double[] w, double regParam) {
    double[] g = new double[f.size()];
    f.addGradient(b, 0, b.numRows(), w, g, f.newScratch());
    for (int i = 0; i < g.length; i++) {
      g[i] /= weightSum(b);
    }
    for (int l = 0; l + 1 < LAYERS.length; l++) {
      for (int i = f.weightOffset(l); i < f.biasOffset(l); i++) {
        g[i] += regParam * w[i];
      }
    }
    return g;
  }

  @ParameterizedTest
  @CsvSource({"relu, 0, 0", "relu, 0.1, 0", "sigmoid, 0, 0", "sigmoid, 0.1, 0", "relu, 0.1, 1", "sigmoid, 0, 1"})
  void gradientMatchesFiniteDifferences(String activation, double regParam, int blockIndex) {
    // batches of 4 rows: the 11 rows cross two batch boundaries
    MlpObjective f = new MlpObjective(LAYERS, MlpActivation.fromParam(activation), regParam, 4);
    Block b = blocks(3)[blockIndex];
    double[] w = f.initialWeights(11);
    Random r = new Random(5);
    for (int i = 0; i < w.length; i++) {
      w[i] += 0.1 * r.nextGaussian(); // nonzero biases
    }
    double[] g = gradient(f, b, w, regParam);
    double[] fd = new double[w.length];
    double h = 1e-6;
    for (int i = 0; i < w.length; i++) {
      double keep = w[i];
      w[i] = keep + h;
      double up = objective(f, b, w);
      w[i] = keep - h;
      double down = objective(f, b, w);
      w[i] = keep;
      fd[i] = (up - down) / (2 * h);
    }
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < w.length; i++) {
      diff += (g[i] - fd[i]) * (g[i] - fd[i]);
      norm += Math.max(g[i] * g[i], fd[i] * fd[i]);
    }
    assertTrue(Math.sqrt(diff / norm) < 1e-6, "relative error " + Math.sqrt(diff / norm));
  }

  @Test
  void perRowGradientsSumToTheMiniBatchKernelAndSparseEqualsDense() {
    MlpObjective f = new MlpObjective(LAYERS, MlpActivation.RELU, 0.0, 4);
    Block[] both = blocks(9);
    double[] w = f.initialWeights(2);
    double[] batched = new double[f.size()];
    double batchedLoss = f.addGradient(both[0], 0, ROWS, w, batched, f.newScratch());
    for (Block b : both) {
      double[] rowByRow = new double[f.size()];
      double loss = 0;
      Objective.Scratch s = f.newScratch();
      for (int i = 0; i < ROWS; i++) {
        loss += b.weight(i) * f.addGradient(b, i, b.weight(i), w, rowByRow, s);
      }
      assertEquals(batchedLoss, loss, 1e-12);
      assertArrayEquals(batched, rowByRow, 1e-12);
    }
  }

  @ParameterizedTest
  @CsvSource({"0, 0", "0.3, 0", "0.3, 1"})
  void aQueuedStepIsAProxStepOnTheMeanGradient(double regParam, int blockIndex) {
    MlpObjective f = new MlpObjective(LAYERS, MlpActivation.SIGMOID, regParam, 16);
    Block b = blocks(4)[blockIndex];
    double[] start = f.initialWeights(8);
    double eta = 0.7;
    double scale = 1.3;
    double[] expected = start.clone();
    double[] g = new double[f.size()];
    double loss = f.addGradient(b, 0, ROWS, start, g, f.newScratch());
    f.descend(expected, g, eta * scale / (ROWS - 1), eta); // ROWS - 1 rows have weight > 0
    double[] w = start.clone();
    SgdStepper stepper = f.newStepper(w, blockIndex == 1);
    for (int i = 0; i < ROWS; i++) {
      if (b.weight(i) > 0) {
        stepper.queue(b, i, b.weight(i));
      }
    }
    assertEquals(loss, stepper.stepQueued(eta, scale), 1e-12);
    assertArrayEquals(expected, w, 1e-12);
  }

  @Test
  void initialisationIsSeededAndScaledToTheLayers() {
    int[] layers = {400, 200, 10};
    MlpObjective relu = new MlpObjective(layers, MlpActivation.RELU, 0, 8);
    assertArrayEquals(relu.initialWeights(1), relu.initialWeights(1));
    double[] w = relu.initialWeights(1);
    // He: variance 2 / 400 into the ReLU layer; Glorot uniform: 6 / 210 / 3 = 2 / 210 into softmax
    assertEquals(2.0 / 400, variance(w, relu.weightOffset(0), relu.biasOffset(0)), 2.0 / 400 * 0.03);
    assertEquals(2.0 / 210, variance(w, relu.weightOffset(1), relu.biasOffset(1)), 2.0 / 210 * 0.1);
    MlpObjective sigmoid = new MlpObjective(layers, MlpActivation.SIGMOID, 0, 8);
    double[] v = sigmoid.initialWeights(1);
    assertEquals(2.0 / 600, variance(v, sigmoid.weightOffset(0), sigmoid.biasOffset(0)), 2.0 / 600 * 0.03);
    for (int i = relu.biasOffset(0); i < relu.weightOffset(1); i++) {
      assertEquals(0.0, w[i]);
    }
  }

  private static double variance(double[] w, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += w[i] * w[i];
    }
    return s / (to - from);
  }
}
