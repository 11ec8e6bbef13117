package io.github.sparkasgd.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MarginLossTest {

  /** Central differences of the loss must match the derivative the loss reports. */
  private static void assertDerivativeMatches(MarginLoss loss, double label, Random r) {
    int k = loss.numOutputs();
    double[] m = new double[k];
    for (int i = 0; i < k; i++) {
      m[i] = 3 * r.nextGaussian();
    }
    double[] d = new double[k];
    double[] scratch = new double[k];
    loss.lossAndDerivative(m, label, d);
    double h = 1e-6;
    for (int i = 0; i < k; i++) {
      double keep = m[i];
      m[i] = keep + h;
      double up = loss.lossAndDerivative(m, label, scratch);
      m[i] = keep - h;
      double down = loss.lossAndDerivative(m, label, scratch);
      m[i] = keep;
      assertEquals((up - down) / (2 * h), d[i], 1e-5, loss.getClass().getSimpleName() + " output " + i);
    }
  }

  @Test
  void derivativesMatchFiniteDifferences() {
    Random r = new Random(7);
    for (int trial = 0; trial < 50; trial++) {
      assertDerivativeMatches(new LogisticLoss(), trial % 2, r);
      assertDerivativeMatches(new SoftmaxLoss(4), trial % 4, r);
      assertDerivativeMatches(new SquaredLoss(), r.nextGaussian() * 3, r);
      assertDerivativeMatches(new HuberLoss(1.35), r.nextGaussian() * 3, r);
      // hinge has kinks at margin +-1; random margins land on them with probability 0
      assertDerivativeMatches(new HingeLoss(2), trial % 2, r);
      assertDerivativeMatches(new HingeLoss(3), trial % 3, r);
    }
  }

  @Test
  void knownValues() {
    double[] d = new double[4];
    assertEquals(Math.log(2), new LogisticLoss().lossAndDerivative(new double[] {0}, 1, d), 1e-15);
    assertEquals(-0.5, d[0], 1e-15);
    // large margins must not overflow
    assertEquals(1000.0, new LogisticLoss().lossAndDerivative(new double[] {1000}, 0, d), 1e-9);
    assertEquals(Math.log(3), new SoftmaxLoss(3).lossAndDerivative(new double[] {5, 5, 5}, 2, d), 1e-12);
    assertEquals(-2.0 / 3, d[2], 1e-12);
    assertEquals(1.5, new HingeLoss(2).lossAndDerivative(new double[] {-0.5}, 1, d), 0);
    assertEquals(-1.0, d[0], 0);
    assertEquals(0.0, new HingeLoss(2).lossAndDerivative(new double[] {-2}, 0, d), 0);
    // one-vs-rest: class 1 true with margin 0.5 (slack 0.5); class 0 margin 0 (slack 1); class 2 margin -3 (0)
    assertEquals(1.5, new HingeLoss(3).lossAndDerivative(new double[] {0, 0.5, -3}, 1, d), 1e-15);
    assertEquals(2.0, new SquaredLoss().lossAndDerivative(new double[] {3}, 1, d), 0);
    assertEquals(0.5 * 0.25, new HuberLoss(1).lossAndDerivative(new double[] {0.5}, 0, d), 1e-15);
    assertEquals(1 * (4 - 0.5), new HuberLoss(1).lossAndDerivative(new double[] {-4}, 0, d), 1e-15);
    assertEquals(-1.0, d[0], 0);
  }

  @Test
  void elasticNetProxIsSoftThresholdThenShrink() {
    ElasticNet p = ElasticNet.of(0.5, 0.4); // l1 = 0.2, l2 = 0.3
    assertEquals(0.2, p.l1(), 1e-15);
    assertEquals(0.3, p.l2(), 1e-15);
    assertEquals((1.0 - 0.1 * 0.2) / (1 + 0.1 * 0.3), p.prox(1.0, 0.1), 1e-15);
    assertEquals(-(1.0 - 0.1 * 0.2) / (1 + 0.1 * 0.3), p.prox(-1.0, 0.1), 1e-15);
    assertEquals(0.0, p.prox(0.01, 0.1), 0);
    LinearLayout layout = new LinearLayout(1, 2, true);
    // intercept (last entry) is not penalised
    assertEquals(0.2 * 3 + 0.5 * 0.3 * 5, p.value(new double[] {1, -2, 100}, layout), 1e-12);
  }
}
