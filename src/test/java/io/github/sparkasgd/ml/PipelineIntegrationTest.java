package io.github.sparkasgd.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.TestData;
import io.github.sparkasgd.ml.classification.SGDClassificationModel;
import io.github.sparkasgd.ml.classification.SGDClassifier;
import io.github.sparkasgd.ml.regression.SGDRegressionModel;
import io.github.sparkasgd.ml.regression.SGDRegressor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimators as Spark ML stages: params, pipelines, persistence, tuning. */
class PipelineIntegrationTest {
  private static Dataset<Row> multiclass;
  private static Dataset<Row> linear;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    multiclass = TestData.frame(TestData.classification(31, 1500,
        new double[][] {{2, 0, -1}, {0, 2, 0}, {-2, -2, 1}}, new double[] {0, 0, 0}, 0.5), 2);
    linear = TestData.frame(TestData.regression(32, 1000, new double[] {1, 2, 3}, 0.5, 0.1, 0), 2);
  }

  @Test
  void everyParamBelongsToItsStageAndHasAValidator() {
    SGDClassifier c = new SGDClassifier("fixedUid");
    assertEquals("fixedUid", c.uid());
    for (Param<?> p : c.params()) {
      assertEquals("fixedUid", p.parent(), p.name());
    }
    assertTrue(c.hasParam("averagingInterval") && c.hasParam("weightCol") && c.hasParam("thresholds"));
    assertThrows(IllegalArgumentException.class, () -> c.setSolver("sgd"));
    assertThrows(IllegalArgumentException.class, () -> c.setLoss("squared"));
    assertThrows(IllegalArgumentException.class, () -> c.setStepSize(-1));
    assertThrows(IllegalArgumentException.class, () -> c.setElasticNetParam(1.5));
    assertThrows(IllegalArgumentException.class, () -> c.setMiniBatchSize(0));
    assertThrows(IllegalArgumentException.class, () -> new SGDRegressor().setEpsilon(-1));
    SGDClassifier copy = c.setRegParam(0.3).copy(ParamMap.empty());
    assertEquals(0.3, copy.getRegParam());
    assertEquals("fixedUid", copy.uid());
  }

  @Test
  void modelsCarryTrainingParamsAndTransformAllColumns() {
    SGDClassificationModel m = new SGDClassifier().setMaxIter(20).setRegParam(0.01).fit(multiclass);
    assertEquals(0.01, m.getRegParam());
    assertEquals(3, m.numFeatures());
    Row r = m.transform(multiclass).select("rawPrediction", "probability", "prediction").first();
    double[] p = ((Vector) r.get(1)).toArray();
    assertEquals(1.0, p[0] + p[1] + p[2], 1e-12);
    assertEquals(((Vector) r.get(0)).argmax(), (int) r.getDouble(2));
    assertThrows(IllegalStateException.class, m::coefficients, "multiclass has no single coefficient vector");
  }

  @Test
  void pipelineSaveLoadRoundTripKeepsPredictions() throws Exception {
    StandardScaler scaler = new StandardScaler().setInputCol("features").setOutputCol("scaled");
    SGDClassifier clf = new SGDClassifier().setFeaturesCol("scaled").setSolver("simuparallel")
        .setStepSize(0.05).setMaxIter(5);
    PipelineModel model = new Pipeline().setStages(new PipelineStage[] {scaler, clf}).fit(multiclass);
    String path = dir.resolve("pipeline").toString();
    model.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    List<Row> before = model.transform(multiclass).select("probability", "prediction").collectAsList();
    List<Row> after = loaded.transform(multiclass).select("probability", "prediction").collectAsList();
    assertEquals(before.size(), after.size());
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(((Vector) before.get(i).get(0)).toArray(), ((Vector) after.get(i).get(0)).toArray(), 0.0);
      assertEquals(before.get(i).getDouble(1), after.get(i).getDouble(1));
    }
    SGDClassificationModel stage = (SGDClassificationModel) loaded.stages()[1];
    assertEquals("simuparallel", stage.getSolver());
    assertEquals("scaled", stage.getFeaturesCol());
    assertTrue(!stage.hasSummary());
  }

  @Test
  void regressorAndEstimatorsPersist() throws Exception {
    SGDRegressor est = new SGDRegressor().setLoss("huber").setEpsilon(2.0).setMaxIter(50).setStepSize(0.5);
    SGDRegressionModel model = est.fit(linear);
    model.write().overwrite().save(dir.resolve("model").toString());
    SGDRegressionModel loaded = SGDRegressionModel.load(dir.resolve("model").toString());
    assertArrayEquals(model.coefficients().toArray(), loaded.coefficients().toArray(), 0.0);
    assertEquals(model.intercept(), loaded.intercept());
    assertEquals(2.0, loaded.getEpsilon());
    assertEquals(model.uid(), loaded.uid());
    est.write().overwrite().save(dir.resolve("est").toString());
    SGDRegressor estLoaded = SGDRegressor.load(dir.resolve("est").toString());
    assertEquals("huber", estLoaded.getLoss());
    assertEquals(est.uid(), estLoaded.uid());
    assertTrue(Files.exists(dir.resolve("model/data")));
  }

  @Test
  void crossValidatorPicksAmongSolversAndPenalties() {
    SGDClassifier clf = new SGDClassifier().setMaxIter(10).setStepSize(0.1);
    // Built by hand: ParamGridBuilder takes Scala collections for String params, which differ by Scala version.
    ParamMap[] grid = new ParamMap[4];
    int i = 0;
    for (String solver : List.of("batch", "simuparallel")) {
      for (double reg : new double[] {0.0, 10.0}) {
        grid[i++] = new ParamMap().put(clf.solver(), solver).put(clf.regParam(), reg);
      }
    }
    CrossValidator cv = new CrossValidator().setEstimator(clf).setEstimatorParamMaps(grid).setNumFolds(2)
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setSeed(1);
    CrossValidatorModel cvModel = cv.fit(multiclass);
    assertEquals(4, cvModel.avgMetrics().length);
    SGDClassificationModel best = (SGDClassificationModel) cvModel.bestModel();
    assertEquals(0.0, best.getRegParam(), "a huge penalty cannot win");
  }
}
