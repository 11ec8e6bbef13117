package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.data.Block;
import io.github.sparkasgd.data.DenseBlock;
import io.github.sparkasgd.data.SparseBlock;
import io.github.sparkasgd.objective.ElasticNet;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.LinearObjective;
import io.github.sparkasgd.objective.LogisticLoss;
import io.github.sparkasgd.objective.MarginLoss;
import io.github.sparkasgd.objective.SoftmaxLoss;
import io.github.sparkasgd.objective.SquaredLoss;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LocalSgdTest {
  private static final int N = 300;
  private static final int D = 40;

  /** The lazily regularised sparse path must give the same weights as eager prox on dense rows. */
  @Test
  void lazySparseUpdatesEqualEagerDenseUpdates() {
    Random r = new Random(3);
    double[] dense = new double[N * D];
    int[] indptr = new int[N + 1];
    int[] indices = new int[N * D];
    double[] values = new double[N * D];
    double[] labels = new double[N];
    double[] weights = new double[N];
    int nnz = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < D; j++) {
        if (r.nextDouble() < 0.1) {
          double v = r.nextGaussian();
          dense[i * D + j] = v;
          indices[nnz] = j;
          values[nnz++] = v;
        }
      }
      indptr[i + 1] = nnz;
      labels[i] = r.nextInt(3);
      weights[i] = 1.0;
    }
    double[] binary = new double[N];
    for (int i = 0; i < N; i++) {
      binary[i] = labels[i] % 2;
    }
    // three outputs go through the general catch-up, one (binary logistic) through its fused pass
    assertLazyEqualsEager(new SoftmaxLoss(3), dense, indptr, Arrays.copyOf(indices, nnz), Arrays.copyOf(values, nnz),
        labels, weights);
    assertLazyEqualsEager(new LogisticLoss(), dense, indptr, Arrays.copyOf(indices, nnz), Arrays.copyOf(values, nnz),
        binary, weights);
  }

  private static void assertLazyEqualsEager(MarginLoss loss, double[] dense, int[] indptr, int[] indices,
      double[] values, double[] labels, double[] weights) {
    DenseBlock denseBlock = new DenseBlock(D, dense, labels, weights);
    SparseBlock sparseBlock = new SparseBlock(D, indptr, indices, values, labels, weights);
    for (ElasticNet penalty : new ElasticNet[] {
        new ElasticNet(0, 0), new ElasticNet(0.01, 0), new ElasticNet(0, 0.05), new ElasticNet(0.02, 0.1)}) {
      LinearObjective objective = new LinearObjective(new LinearLayout(loss.numOutputs(), D, true), loss, penalty);
      double[] eager = new double[objective.layout().size()];
      double[] lazy = new double[objective.layout().size()];
      LocalSgd a = new LocalSgd(objective, eager, false);
      LocalSgd b = new LocalSgd(objective, lazy, true);
      for (int epoch = 0; epoch < 3; epoch++) {
        for (int i = 0; i < N; i++) {
          double eta = StepSchedule.INVSQRT.step(0.5, epoch + (double) i / N);
          assertEquals(a.step(denseBlock, i, eta, 1.0), b.step(sparseBlock, i, eta, 1.0), 1e-9);
        }
      }
      a.flush();
      b.flush();
      assertArrayEquals(eager, lazy, 1e-9, loss.getClass().getSimpleName() + " " + penalty);
    }
  }

  /**
   * With automatic steps (capped objective), a step far too large for a row lands on the minimum of
   * that row's own loss (least squares: the residual becomes 0; the row's squared norm is 3^2 + 4^2
   * plus the intercept's 1) instead of overshooting it by a factor of a million; a step small enough
   * is left as it is, and without the cap (a step the user set) the step is taken as given.
   */
  @Test
  void aCappedStepTooLargeForItsRowLandsOnTheRowsMinimum() {
    LinearObjective plain = new LinearObjective(new LinearLayout(1, 2, true), new SquaredLoss(), new ElasticNet(0, 0));
    LinearObjective capped = plain.withCappedRowSteps();
    double[] labels = {10.0};
    double[] weights = {1.0};
    DenseBlock dense = new DenseBlock(2, new double[] {3, 4}, labels, weights);
    SparseBlock sparse = new SparseBlock(2, new int[] {0, 2}, new int[] {0, 1}, new double[] {3, 4}, labels, weights);
    for (Block block : new Block[] {dense, sparse}) {
      assertEquals(10.0, marginAfterOneStep(capped, block, 1e6), 1e-9, "capped, " + block.getClass().getSimpleName());
      assertEquals(1e6 * 10 * 26, marginAfterOneStep(plain, block, 1e6), 1e-3, "as given");
      assertEquals(0.01 * 10 * 26, marginAfterOneStep(capped, block, 0.01), 1e-12, "below the cap");
    }
  }

  private static double marginAfterOneStep(LinearObjective objective, Block block, double eta) {
    double[] w = new double[3];
    LocalSgd sgd = new LocalSgd(objective, w, block.isSparse());
    sgd.step(block, 0, eta, 1.0);
    sgd.flush();
    return 3 * w[0] + 4 * w[1] + w[2];
  }
}
