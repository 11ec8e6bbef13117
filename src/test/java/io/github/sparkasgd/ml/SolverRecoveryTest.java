package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every solver, on data drawn from a known model, must find that model (async: both exchanges elsewhere). */
class SolverRecoveryTest {
  private static final double[] W = {1.5, -1, 0.5, 0};
  private static final double B = -0.4;
  private static Dataset<Row> binary;
  private static Dataset<Row> multiclass;
  private static Dataset<Row> linear;
  private static Dataset<Row> sparseLinear;

  @BeforeAll
  static void data() {
    // Gumbel noise of scale 1 on both class scores makes P(y=1|x) = sigmoid(W.x + B) exactly.
    binary = TestData.frame(TestData.classification(21, 6000, new double[][] {{0, 0, 0, 0}, W},
        new double[] {0, B}, 1.0), 2);
    multiclass = TestData.frame(TestData.classification(22, 6000,
        new double[][] {{2, 0, -1}, {0, 2, 0}, {-2, -2, 1}}, new double[] {0, 0, 0}, 0.3), 2);
    linear = TestData.frame(TestData.regression(23, 4000, W, B, 0.1, 0), 2);
    sparseLinear = TestData.frame(TestData.regression(24, 4000, W, B, 0.1, 0.7), 2);
  }

  static <T extends SGDSetters<T>> T configure(T estimator, String solver) {
    switch (solver) {
      case "batch":
        return estimator.setSolver(solver).setStepSize(1.0).setStepSchedule("constant").setMaxIter(300);
      case "minibatch":
        return estimator.setSolver(solver).setStepSize(0.5).setStepSchedule("invsqrt").setMiniBatchSize(500)
            .setMaxIter(15);
      case "async":
        // The workers' last iterates are averaged, not their trajectories: decay the step faster.
        return estimator.setSolver(solver).setStepSize(0.05).setStepSchedule("inverse").setMaxIter(15)
            .setSyncInterval(200);
      default:
        return estimator.setSolver(solver).setStepSize(0.05).setMaxIter(15);
    }
  }

  private static void assertNear(double[] expected, double[] actual, double tol, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, what + " [" + i + "] of " + java.util.Arrays.toString(actual));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel", "async"})
  void binaryLogistic(String solver) {
    SGDClassificationModel m = configure(new SGDClassifier(), solver).setTol(0).fit(binary);
    assertNear(W, m.coefficients().toArray(), 0.15, solver + " coefficients");
    assertEquals(B, m.intercept(), 0.15);
    assertEquals(solver, m.summary().solver());
    assertEquals(m.summary().objectiveHistory().length, m.summary().timeHistory().length);
    double[] h = m.summary().objectiveHistory();
    assertTrue(h[h.length - 1] < h[0], "objective decreases: " + java.util.Arrays.toString(h));
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel", "async"})
  void multinomialLogisticAndOneVsRestHinge(String solver) {
    MulticlassClassificationEvaluator accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy");
    for (String loss : new String[] {"logistic", "hinge"}) {
      SGDClassificationModel m = configure(new SGDClassifier(), solver).setLoss(loss).fit(multiclass);
      assertEquals(3, m.numClasses());
      assertEquals(3, m.coefficientMatrix().numRows());
      double acc = accuracy.evaluate(m.transform(multiclass));
      assertTrue(acc > 0.9, solver + "/" + loss + " accuracy " + acc);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel", "async"})
  void leastSquaresDenseAndSparse(String solver) {
    for (Dataset<Row> df : List.of(linear, sparseLinear)) {
      SGDRegressionModel m = configure(new SGDRegressor(), solver).fit(df);
      assertNear(W, m.coefficients().toArray(), 0.03, solver + " coefficients");
      assertEquals(B, m.intercept(), 0.03);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel", "async"})
  void huberIgnoresOutliersThatPullLeastSquares(String solver) {
    Random r = new Random(25);
    List<Row> rows = new ArrayList<>();
    for (Row row : TestData.regression(25, 4000, W, B, 0.1, 0)) {
      double y = row.getDouble(1);
      rows.add(RowFactory.create(row.get(0), r.nextDouble() < 0.1 ? y + 30 : y));
    }
    Dataset<Row> df = TestData.frame(rows, 2);
    SGDRegressionModel huber = configure(new SGDRegressor(), solver).setLoss("huber").setEpsilon(1.0)
        .setMaxIter(solver.equals("batch") ? 1500 : 30).fit(df);
    SGDRegressionModel squared = configure(new SGDRegressor(), solver)
        .setMaxIter(solver.equals("batch") ? 300 : 30).fit(df);
    assertEquals(B, huber.intercept(), 0.2, "huber intercept");
    assertNear(W, huber.coefficients().toArray(), 0.1, solver + " huber coefficients");
    // The outliers move the least-squares optimum's intercept up by 3 (10% of rows at +30). An SGD
    // last iterate still jitters by about 0.5 there: each outlier kicks the intercept by step * 30.
    assertTrue(squared.intercept() - B > 1.5, "least squares is pulled up by the outliers: " + squared.intercept());
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "simuparallel", "async"})
  void elasticNetOnSparseRowsZeroesTheIrrelevantFeature(String solver) {
    SGDRegressionModel m = configure(new SGDRegressor(), solver).setRegParam(0.05).setElasticNetParam(1.0)
        .setMaxIter(solver.equals("batch") ? 300 : 30).fit(sparseLinear);
    double[] c = m.coefficients().toArray();
    // batch's proximal gradient is exact; SGD leaves noise. The async parameter server adds up the
    // workers' soft-thresholding moves (two workers zeroing one coordinate push twice its value), so
    // an irrelevant coefficient keeps a residual of the order of one step's noise there.
    double tolerance = switch (solver) {
      case "batch" -> 0.0;
      case "async" -> 0.03;
      default -> 0.01;
    };
    assertEquals(0.0, c[3], tolerance, "L1 removes the feature with weight 0");
    assertTrue(Math.abs(c[0]) > 1 && Math.abs(c[1]) > 0.5, java.util.Arrays.toString(c));
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel"})
  void reproducibleForAFixedSeedAndPartitioning(String solver) {
    double[] a = configure(new SGDClassifier(), solver).setMaxIter(3).setSeed(7).fit(binary)
        .coefficients().toArray();
    double[] b = configure(new SGDClassifier(), solver).setMaxIter(3).setSeed(7).fit(binary)
        .coefficients().toArray();
    assertArrayEquals(a, b, 0.0);
    if (!solver.equals("batch")) {
      double[] c = configure(new SGDClassifier(), solver).setMaxIter(3).setSeed(8).fit(binary)
          .coefficients().toArray();
      assertFalse(java.util.Arrays.equals(a, c), "another seed samples other rows");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 5})
  void simuParallelAveragingIntervals(int interval) {
    SGDClassificationModel m = configure(new SGDClassifier(), "simuparallel").setAveragingInterval(interval)
        .setMaxIter(10).fit(binary);
    assertNear(W, m.coefficients().toArray(), 0.15, "interval " + interval);
    assertEquals(10, m.summary().objectiveHistory().length);
    assertEquals(10, m.summary().totalIterations());
  }
}
