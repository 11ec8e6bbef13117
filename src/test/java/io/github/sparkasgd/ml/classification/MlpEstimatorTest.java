package io.github.sparkasgd.ml.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.TestData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.MultilayerPerceptronClassificationModel;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MLP as a Spark ML stage: MLlib's forward pass, no linear fit, persistence, Pipeline, tuning, bad input. */
class MlpEstimatorTest {
  private static final int[] LAYERS = {5, 8, 2};
  private static Dataset<Row> train;
  private static Dataset<Row> test;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    train = MlpTestData.xor(11, 2000, 3, 1.0, false, 2);
    test = MlpTestData.xor(12, 1000, 3, 1.0, false, 2);
  }

  private static SGDMultilayerPerceptronClassifier mlp() {
    return new SGDMultilayerPerceptronClassifier().setLayers(LAYERS).setSeed(5);
  }

  private static List<double[]> probabilities(Dataset<Row> predictions) {
    List<double[]> out = new ArrayList<>();
    for (Row r : predictions.select("probability").collectAsList()) {
      out.add(((Vector) r.get(0)).toArray());
    }
    return out;
  }

  @Test
  void aSigmoidNetWithMLlibsWeightsPredictsMLlibsProbabilities() {
    MultilayerPerceptronClassificationModel mllib = new MultilayerPerceptronClassifier().setLayers(LAYERS)
        .setMaxIter(20).setSeed(3).fit(train);
    // batch with no iteration returns its initial weights, through the standardization and back
    SGDMultilayerPerceptronClassificationModel ours = mlp().setActivation("sigmoid").setSolver("batch")
        .setMaxIter(0).setInitialWeights(mllib.weights()).fit(train);
    assertArrayEquals(mllib.weights().toArray(), ours.weights().toArray(), 1e-9);
    List<double[]> expected = probabilities(mllib.transform(test));
    List<double[]> actual = probabilities(ours.transform(test));
    for (int i = 0; i < expected.size(); i++) {
      assertArrayEquals(expected.get(i), actual.get(i), 1e-9, "row " + i);
    }
  }

  @Test
  void withoutAHiddenLayerXorIsNotLearnt() {
    // the same data the solvers' test needs 0.95 on: a softmax layer alone stays near chance
    SGDMultilayerPerceptronClassificationModel linear = mlp().setLayers(new int[] {5, 2}).fit(train);
    double accuracy = MlpTestData.accuracy(linear.transform(test));
    assertTrue(accuracy < 0.7, "linear accuracy " + accuracy);
    assertTrue(MlpTestData.accuracy(mlp().fit(train).transform(test)) >= 0.95);
  }

  @Test
  void outputColumnsAreConsistent() {
    SGDMultilayerPerceptronClassificationModel model = mlp().fit(train);
    assertEquals(2, model.numClasses());
    assertEquals(5, model.numFeatures());
    assertTrue(model.summary().objectiveHistory().length > 0);
    for (Row r : model.transform(test).select("rawPrediction", "probability", "prediction").collectAsList()) {
      double[] raw = ((Vector) r.get(0)).toArray();
      double[] p = ((Vector) r.get(1)).toArray();
      double e0 = Math.exp(raw[0]);
      double e1 = Math.exp(raw[1]);
      assertEquals(e1 / (e0 + e1), p[1], 1e-12);
      assertEquals(1.0, p[0] + p[1], 1e-12);
      assertEquals(p[1] > p[0] ? 1.0 : 0.0, r.getDouble(2));
    }
  }

  @Test
  void saveAndLoadGiveIdenticalProbabilities() throws Exception {
    SGDMultilayerPerceptronClassificationModel model = mlp().setActivation("sigmoid").setMaxIter(3).fit(train);
    String path = dir.resolve("mlp").toString();
    model.write().overwrite().save(path);
    SGDMultilayerPerceptronClassificationModel loaded = SGDMultilayerPerceptronClassificationModel.load(path);
    assertEquals("sigmoid", loaded.getActivation());
    assertArrayEquals(LAYERS, loaded.getLayers());
    List<double[]> before = probabilities(model.transform(test));
    List<double[]> after = probabilities(loaded.transform(test));
    for (int i = 0; i < before.size(); i++) {
      assertArrayEquals(before.get(i), after.get(i), 0.0, "row " + i);
    }
    mlp().setBlockSize(7).write().overwrite().save(path + "-estimator");
    assertEquals(7, SGDMultilayerPerceptronClassifier.load(path + "-estimator").getBlockSize());
  }

  @Test
  void warmStartContinuesFromTheGivenWeights() {
    SGDMultilayerPerceptronClassificationModel first = mlp().setSolver("batch").setMaxIter(5).fit(train);
    SGDMultilayerPerceptronClassificationModel again = mlp().setSolver("batch").setMaxIter(0)
        .setInitialWeights(first.weights()).fit(train);
    assertArrayEquals(first.weights().toArray(), again.weights().toArray(), 1e-9);
    double[] history = mlp().setSolver("batch").setMaxIter(3).setInitialWeights(first.weights()).fit(train)
        .summary().objectiveHistory();
    double[] firstHistory = first.summary().objectiveHistory();
    assertTrue(history[0] < firstHistory[0], "a warm start begins below a cold one");
  }

  @Test
  void worksInAPipelineAndCrossValidator() throws Exception {
    Dataset<Row> columns = train.withColumn("a", org.apache.spark.ml.functions.vector_to_array(train.col("features"), "float64"));
    Dataset<Row> split = columns.select(columns.col("label"), columns.col("a").getItem(0).as("x0"),
        columns.col("a").getItem(1).as("x1"), columns.col("a").getItem(2).as("x2"),
        columns.col("a").getItem(3).as("x3"), columns.col("a").getItem(4).as("x4"));
    VectorAssembler assembler = new VectorAssembler().setInputCols(new String[] {"x0", "x1", "x2", "x3", "x4"})
        .setOutputCol("features");
    SGDMultilayerPerceptronClassifier estimator = mlp().setMaxIter(30);
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {assembler, estimator});
    ParamMap[] grid = new ParamGridBuilder().addGrid(estimator.regParam(), new double[] {0.0, 1.0}).build();
    CrossValidator cv = new CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid).setNumFolds(2)
        .setEvaluator(new MulticlassClassificationEvaluator().setMetricName("accuracy")).setSeed(1);
    CrossValidatorModel cvModel = cv.fit(split);
    double[] metrics = cvModel.avgMetrics();
    assertTrue(metrics[0] > 0.95 && metrics[0] > metrics[1], "regParam 1 squashes the net: " + metrics[0] + ", "
        + metrics[1]);
    PipelineModel best = (PipelineModel) cvModel.bestModel();
    String path = dir.resolve("pipeline").toString();
    best.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    assertEquals(best.transform(split).select("prediction").collectAsList(),
        loaded.transform(split).select("prediction").collectAsList());
  }

  @Test
  void badInputIsRejectedNamingTheProblem() {
    IllegalArgumentException noLayers = assertThrows(IllegalArgumentException.class,
        () -> new SGDMultilayerPerceptronClassifier().fit(train));
    assertTrue(noLayers.getMessage().contains("layers must be set"), noLayers.getMessage());
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> mlp().setLayers(new int[] {4, 3, 2}).fit(train));
    assertTrue(size.getMessage().contains("size 5") && size.getMessage().contains("[4, 3, 2]"), size.getMessage());
    IllegalArgumentException weights = assertThrows(IllegalArgumentException.class,
        () -> mlp().setInitialWeights(Vectors.dense(1, 2, 3)).fit(train));
    assertTrue(weights.getMessage().contains("initialWeights has 3 values"), weights.getMessage());
    List<Row> rows = new ArrayList<>(train.limit(10).collectAsList());
    rows.set(4, RowFactory.create(Vectors.dense(1, 2, 3, 4, 5), 2.0));
    IllegalArgumentException label = assertThrows(IllegalArgumentException.class,
        () -> mlp().fit(TestData.frame(rows, 1)));
    assertTrue(label.getMessage().contains("'label'") && label.getMessage().contains("outside 0..1"),
        label.getMessage());
    rows.set(4, RowFactory.create(Vectors.dense(1, Double.NaN, 3, 4, 5), 1.0));
    IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
        () -> mlp().fit(SparkTestSession.get().createDataFrame(rows, TestData.SCHEMA).coalesce(1)));
    assertTrue(nan.getMessage().contains("'features'") && nan.getMessage().contains("row 4")
        && nan.getMessage().contains("NaN"), nan.getMessage());
  }
}
