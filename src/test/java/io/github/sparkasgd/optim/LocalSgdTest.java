package io.github.sparkasgd.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkasgd.data.DenseBlock;
import io.github.sparkasgd.data.SparseBlock;
import io.github.sparkasgd.objective.ElasticNet;
import io.github.sparkasgd.objective.LinearLayout;
import io.github.sparkasgd.objective.LinearObjective;
import io.github.sparkasgd.objective.LogisticLoss;
import io.github.sparkasgd.objective.MarginLoss;
import io.github.sparkasgd.objective.SoftmaxLoss;
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
}
