package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Warm starts of the linear estimators: a fit continued from a saved model against one long fit, the
 * checks that refuse a model of another kind, and the initial model's way through copy and save/load.
 */
class WarmStartTest {
  private static final int N = 3;
  private static final double[] W = {1.5, -2.0, 0.5, 3.0};
  private static Dataset<Row> regression;
  private static Dataset<Row> classes;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    regression = TestData.frame(TestData.regression(31, 2000, W, 0.7, 0.5, 0.0), 2);
    classes = TestData.frame(TestData.classification(32, 2000,
        new double[][] {{1, 0, -1, 0}, {0, 1, 1, 0}, {-1, -1, 0, 1}}, new double[] {0, 0.3, -0.3}, 0.5), 2);
  }

  /** tol 0 runs every epoch; simuparallel averages every N epochs, so the long fit averages at N too. */
  private static SGDRegressor regressor(String solver, int maxIter) {
    SGDRegressor r = new SGDRegressor().setSolver(solver).setMaxIter(maxIter).setTol(0).setSeed(5)
        .setAveragingInterval(N);
    // batch's automatic steps are Barzilai-Borwein's, which follow the path rather than a schedule.
    return "batch".equals(solver) ? r.setStepSize(0.5) : r;
  }

  private static SGDClassifier classifier(String solver, int maxIter) {
    SGDClassifier c = new SGDClassifier().setSolver(solver).setMaxIter(maxIter).setTol(0).setSeed(5)
        .setAveragingInterval(N);
    return "batch".equals(solver) ? c.setStepSize(0.5) : c;
  }

  private static double[] weights(SGDRegressionModel m) {
    return weights(m.coefficientMatrix(), m.interceptVector());
  }

  private static double[] weights(SGDClassificationModel m) {
    return weights(m.coefficientMatrix(), m.interceptVector());
  }

  private static double[] weights(org.apache.spark.ml.linalg.Matrix coefficients, Vector intercepts) {
    int rows = coefficients.numRows();
    int cols = coefficients.numCols();
    double[] w = new double[rows * cols + rows];
    for (int k = 0; k < rows; k++) {
      for (int j = 0; j < cols; j++) {
        w[k * cols + j] = coefficients.apply(k, j);
      }
      w[rows * cols + k] = intercepts.apply(k);
    }
    return w;
  }

  private static double maxRelDiff(double[] expected, double[] actual) {
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1.0, Math.abs(expected[i])));
    }
    return worst;
  }

  private String saved(MLWritable model, String name) throws Exception {
    String path = dir.resolve(name).toString();
    model.write().overwrite().save(path);
    return path;
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel"})
  void regressorContinuedFromASavedModelIsOneLongFit(String solver) throws Exception {
    assertContinuesAsOneLongFit(solver, maxIter -> regressor(solver, maxIter), SGDRegressionModel::load,
        WarmStartTest::weights, regression);
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel"})
  void classifierContinuedFromASavedModelIsOneLongFit(String solver) throws Exception {
    assertContinuesAsOneLongFit(solver, maxIter -> classifier(solver, maxIter), SGDClassificationModel::load,
        WarmStartTest::weights, classes);
  }

  /** N epochs, saved, loaded and continued for N more, against one 2N-epoch fit. */
  private <M extends Model<M> & MLWritable, E extends Estimator<M> & HasInitialModel<M, E>> void
      assertContinuesAsOneLongFit(String solver, IntFunction<E> estimator, Function<String, M> load,
          Function<M, double[]> weights, Dataset<Row> data) throws Exception {
    double[] longFit = weights.apply(estimator.apply(2 * N).fit(data));
    M first = estimator.apply(N).fit(data);
    M loaded = load.apply(saved(first, solver));
    double[] continued = weights.apply(estimator.apply(N).setInitialModel(loaded).fit(data));
    double diff = maxRelDiff(longFit, continued);
    assertTrue(diff < 1e-9, solver + ": continued fit differs from the 2N-epoch fit by " + diff);
    assertTrue(maxRelDiff(longFit, weights.apply(first)) > 1e-6, solver + ": N epochs already ended where 2N do");
  }

  /** Async runs are not reproducible: the continued fit must end as close to the optimum as a long one. */
  @Test
  void asyncContinuedFitIsAsGoodAsOneLongFit() throws Exception {
    Dataset<Row> noisy = TestData.frame(TestData.regression(33, 20000, W, 0.7, 2.0, 0.0), 2);
    double[] optimum = leastSquares(noisy);
    double longError = maxRelDiff(optimum, weights(regressor("async", 2 * N).fit(noisy)));
    SGDRegressionModel first = regressor("async", N).fit(noisy);
    SGDRegressionModel loaded = SGDRegressionModel.load(saved(first, "async"));
    double continuedError = maxRelDiff(optimum, weights(regressor("async", N).setInitialModel(loaded).fit(noisy)));
    assertTrue(continuedError <= longError + 0.01, "continued fit " + continuedError
        + " from the least-squares coefficients, one long fit " + longError);
  }

  /** Least squares by MLlib's normal equations (no penalty): the optimum both fits approach. */
  private static double[] leastSquares(Dataset<Row> data) {
    org.apache.spark.ml.regression.LinearRegressionModel ls = new org.apache.spark.ml.regression.LinearRegression()
        .setSolver("normal").setRegParam(0).fit(data);
    double[] c = ls.coefficients().toArray();
    double[] w = java.util.Arrays.copyOf(c, c.length + 1);
    w[c.length] = ls.intercept();
    return w;
  }

  @Test
  void aModelOfAnotherKindIsRefusedBeforeTraining() {
    SGDClassificationModel binary = new SGDClassifier().setMaxIter(1).fit(TestData.frame(
        TestData.classification(34, 200, new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}}, new double[] {0, 0}, 0.5), 1));
    IllegalArgumentException classCount = assertThrows(IllegalArgumentException.class,
        () -> new SGDClassifier().setInitialModel(binary).fit(classes));
    assertTrue(classCount.getMessage().contains("numClasses 2 but this fit trains numClasses 3"),
        classCount.getMessage());
    IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
        () -> new SGDClassifier().setLoss("hinge").setInitialModel(binary).fit(classes));
    assertTrue(loss.getMessage().contains("loss logistic"), loss.getMessage());
    SGDRegressionModel four = new SGDRegressor().setMaxIter(1).fit(regression);
    Dataset<Row> three = TestData.frame(TestData.regression(35, 100, new double[] {1, 2, 3}, 0, 0.1, 0), 1);
    IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
        () -> new SGDRegressor().setInitialModel(four).fit(three));
    assertTrue(features.getMessage().contains("numFeatures 4 but this fit trains numFeatures 3"),
        features.getMessage());
    IllegalArgumentException intercept = assertThrows(IllegalArgumentException.class,
        () -> new SGDRegressor().setFitIntercept(false).setInitialModel(four).fit(regression));
    assertTrue(intercept.getMessage().contains("fitIntercept"), intercept.getMessage());
  }

  @Test
  void aBatchWithoutTheTopClassContinuesTheModelsClasses() {
    SGDClassificationModel model = classifier("simuparallel", 1).fit(classes);
    Dataset<Row> noTopClass = classes.filter("label < 2");
    SGDClassificationModel continued = classifier("simuparallel", 1).setInitialModel(model).fit(noTopClass);
    assertEquals(3, continued.numClasses());
  }

  @Test
  void theInitialModelTravelsThroughCopyAndEstimatorPersistence() throws Exception {
    SGDRegressionModel model = regressor("simuparallel", N).fit(regression);
    SGDRegressor estimator = regressor("simuparallel", N).setInitialModel(model);
    assertTrue(estimator.copy(ParamMap.empty()).hasInitialModel());
    assertFalse(new SGDRegressor().hasInitialModel());
    assertThrows(java.util.NoSuchElementException.class, () -> new SGDRegressor().getInitialModel());

    String path = dir.resolve("estimator").toString();
    estimator.write().overwrite().save(path);
    SGDRegressor loaded = SGDRegressor.load(path);
    assertEquals(estimator.uid(), loaded.uid());
    assertEquals(N, loaded.getMaxIter());
    assertEquals(0.0, maxRelDiff(weights(model), weights(loaded.getInitialModel())));
    double[] expected = weights(estimator.fit(regression));
    assertTrue(maxRelDiff(expected, weights(loaded.fit(regression))) < 1e-12,
        "the loaded estimator continues the same fit");

    String pipelinePath = dir.resolve("pipeline").toString();
    new Pipeline().setStages(new PipelineStage[] {estimator}).write().overwrite().save(pipelinePath);
    SGDRegressor inPipeline = (SGDRegressor) Pipeline.load(pipelinePath).getStages()[0];
    assertTrue(inPipeline.hasInitialModel());
    SGDClassifier withoutModel = new SGDClassifier();
    String plain = dir.resolve("plain").toString();
    withoutModel.write().overwrite().save(plain);
    assertFalse(SGDClassifier.load(plain).hasInitialModel());
  }

  /**
   * A model saved before models kept their training state has no state columns: it loads, predicts as
   * saved, and a warm start from it starts a fresh schedule (so it ends elsewhere than the continued one).
   */
  @Test
  void aModelSavedWithoutItsStateStillLoadsAndWarmStarts() throws Exception {
    SGDRegressionModel model = regressor("simuparallel", N).fit(regression);
    String path = saved(model, "old-format");
    Dataset<Row> row = SparkTestSession.get().read().parquet(path + "/data")
        .select("numClasses", "numOutputs", "numFeatures", "coefficients", "intercepts");
    String rewritten = path + "/data-old";
    row.write().mode(SaveMode.Overwrite).parquet(rewritten);
    org.apache.hadoop.fs.Path data = new org.apache.hadoop.fs.Path(path, "data");
    org.apache.hadoop.fs.FileSystem fs = data.getFileSystem(SparkTestSession.get().sparkContext().hadoopConfiguration());
    fs.delete(data, true);
    fs.rename(new org.apache.hadoop.fs.Path(rewritten), data);

    SGDRegressionModel old = SGDRegressionModel.load(path);
    Vector x = org.apache.spark.ml.linalg.Vectors.dense(1, 2, 3, 4);
    assertEquals(model.predict(x), old.predict(x), 1e-12);
    double[] restarted = weights(regressor("simuparallel", N).setInitialModel(old).fit(regression));
    double[] continued = weights(regressor("simuparallel", N).setInitialModel(model).fit(regression));
    assertTrue(maxRelDiff(continued, restarted) > 1e-6, "the old model's fit started its schedule afresh");
    double[] optimum = leastSquares(regression);
    double before = maxRelDiff(optimum, weights(old));
    double after = maxRelDiff(optimum, restarted);
    assertTrue(after < before, "from the old model's " + before + " off the optimum to " + after);
  }
}
