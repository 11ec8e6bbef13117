package io.github.sparkasgd.ml.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import io.github.sparkasgd.optim.Solvers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.evaluation.ClusteringEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SGDKMeans as a Spark ML stage: every solver against the truth, batch against MLlib, input, persistence. */
class KMeansEstimatorTest {
  private static final int K = 5;
  private static final int D = 10;
  private static double[][] truth;
  private static Dataset<Row> mixture;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    truth = KMeansTestData.centres(101, K, D);
    mixture = KMeansTestData.mixture(102, truth, 2000, 0.3, 2);
  }

  @Test
  void everySolverFindsTheTrueCentres() {
    for (String solver : Solvers.NAMES) {
      SGDKMeansModel model = new SGDKMeans().setK(K).setSeed(7).setSolver(solver).fit(mixture);
      assertEquals(K, model.clusterCenters().length, solver);
      double error = KMeansTestData.worstCentreError(truth, model.clusterCenters());
      assertTrue(error < 0.05, solver + ": worst centre coordinate off by " + error);
      SGDKMeansSummary summary = model.summary();
      assertEquals(solver, summary.solver());
      // Noise of variance 0.3^2 in each of 10 features: the mean squared distance is about 0.9.
      double meanCost = summary.trainingCost() / mixture.count();
      assertTrue(meanCost > 0.8 && meanCost < 1.0, solver + ": mean cost " + meanCost);
      assertTrue(summary.objectiveHistory().length > 0, solver);
    }
  }

  @Test
  void batchIsMLlibsLloydFromTheSameInitialCentres() {
    // A mixture whose clusters touch, so that Lloyd's iterations move the centres for a while; MLlib's
    // own k-means (the RDD API, the only one that takes initial centres) starts from ours.
    Dataset<Row> overlapping = KMeansTestData.mixture(103, KMeansTestData.centres(104, K, D), 400, 3.0, 2);
    JavaRDD<org.apache.spark.mllib.linalg.Vector> points = overlapping.javaRDD()
        .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML(r.<Vector>getAs(0))).cache();
    for (String initMode : List.of("k-means||", "random")) {
      SGDKMeans estimator = new SGDKMeans().setK(K).setSeed(11).setInitMode(initMode).setTol(0)
          .setSolver("batch").setFeaturePrecision("float64");
      Vector[] initial = estimator.copy(ParamMap.empty()).setMaxIter(0).fit(overlapping).clusterCenters();
      org.apache.spark.mllib.linalg.Vector[] start = new org.apache.spark.mllib.linalg.Vector[initial.length];
      for (int j = 0; j < start.length; j++) {
        start[j] = org.apache.spark.mllib.linalg.Vectors.fromML(initial[j]);
      }
      org.apache.spark.mllib.clustering.KMeansModel mllib = new org.apache.spark.mllib.clustering.KMeans()
          .setK(K).setMaxIterations(8).setEpsilon(0.0)
          .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(start)).run(points.rdd());
      SGDKMeansModel ours = estimator.setMaxIter(8).fit(overlapping);
      org.apache.spark.mllib.linalg.Vector[] expected = mllib.clusterCenters();
      Vector[] actual = ours.clusterCenters();
      assertEquals(expected.length, actual.length, initMode);
      for (int j = 0; j < expected.length; j++) {
        double diff = KMeansTestData.maxAbsDiff(expected[j].toArray(), actual[j].toArray());
        assertTrue(diff < 1e-6, initMode + ": centre " + j + " differs from MLlib's by " + diff);
      }
      double mllibCost = mllib.computeCost(points.rdd());
      assertEquals(mllibCost, ours.summary().trainingCost(), 1e-6 * mllibCost, initMode);
    }
    points.unpersist();
  }

  @Test
  void kMeansParallelSeedsOneCentrePerCluster() {
    // 12 tight clusters; a seeding that puts two centres in one cluster leaves another cluster to
    // share a centre, which Lloyd's iterations cannot undo. With plain k-means++ as the candidates'
    // reduction (one trial per centre) seed 5 leaves a true centre 3.4 from every initial one.
    int k = 12;
    double[][] centres = KMeansTestData.centres(105, k, D);
    Dataset<Row> tight = KMeansTestData.mixture(106, centres, 300, 0.3, 2).cache();
    for (long seed = 1; seed <= 6; seed++) {
      Vector[] initial = new SGDKMeans().setK(k).setSeed(seed).setSolver("batch").setMaxIter(0).fit(tight).clusterCenters();
      assertEquals(k, initial.length);
      double error = KMeansTestData.worstCentreError(centres, initial);
      assertTrue(error < 1.0, "seed " + seed + ": a true centre is " + error + " from every initial one");
    }
    tight.unpersist();
  }

  @Test
  void moreCentresThanDistinctPointsGiveNoNaN() {
    List<Row> rows = new ArrayList<>();
    double[][] points = {{0, 0}, {1, 1}, {5, -5}};
    for (int i = 0; i < 300; i++) {
      rows.add(RowFactory.create(Vectors.dense(points[i % 3])));
    }
    Dataset<Row> few = SparkTestSession.get().createDataFrame(rows, KMeansTestData.SCHEMA).repartition(2);
    for (String solver : Solvers.NAMES) {
      for (String initMode : List.of("k-means||", "random")) {
        SGDKMeansModel model = new SGDKMeans().setK(6).setSolver(solver).setInitMode(initMode).setMaxIter(5)
            .fit(few);
        for (Vector c : model.clusterCenters()) {
          for (double v : c.toArray()) {
            assertFalse(Double.isNaN(v), solver + "/" + initMode + ": " + c);
          }
        }
        if (initMode.equals("k-means||")) { // a random sample may hold only 2 of the 3 points
          assertEquals(0.0, model.summary().trainingCost(), 1e-9, solver + "/" + initMode);
        }
      }
    }
  }

  @Test
  void aNaNFeatureIsReportedWithItsColumnAndRow() {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      rows.add(RowFactory.create(Vectors.dense(i, i == 6 ? Double.NaN : 1.0)));
    }
    Dataset<Row> bad = SparkTestSession.get().createDataFrame(rows, KMeansTestData.SCHEMA).coalesce(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SGDKMeans().setK(2).fit(bad));
    assertTrue(e.getMessage().contains("'features'") && e.getMessage().contains("row 6")
        && e.getMessage().contains("NaN"), e.getMessage());
  }

  @Test
  void saveAndLoadKeepTheCentresAndParams() throws Exception {
    SGDKMeansModel model = new SGDKMeans().setK(K).setSeed(3).setSolver("minibatch").setMaxIter(5)
        .setPredictionCol("cluster").fit(mixture);
    String path = dir.resolve("kmeans").toString();
    model.save(path);
    SGDKMeansModel loaded = SGDKMeansModel.load(path);
    assertEquals(model.uid(), loaded.uid());
    assertEquals(K, loaded.getK());
    assertEquals("minibatch", loaded.getSolver());
    assertEquals("cluster", loaded.getPredictionCol());
    Vector[] before = model.clusterCenters();
    Vector[] after = loaded.clusterCenters();
    for (int j = 0; j < K; j++) {
      assertEquals(before[j], after[j]);
    }
    assertFalse(loaded.hasSummary());
    List<Row> a = model.transform(mixture).select("cluster").collectAsList();
    List<Row> b = loaded.transform(mixture).select("cluster").collectAsList();
    assertEquals(a, b);
  }

  @Test
  void worksInAPipelineWithClusteringEvaluator() throws Exception {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {new SGDKMeans().setK(K).setSeed(5)});
    PipelineModel fitted = pipeline.fit(mixture);
    Dataset<Row> predicted = fitted.transform(mixture);
    double silhouette = new ClusteringEvaluator().evaluate(predicted);
    assertTrue(silhouette > 0.9, "silhouette " + silhouette);
    String path = dir.resolve("pipeline").toString();
    fitted.save(path);
    Dataset<Row> reloaded = PipelineModel.load(path).transform(mixture);
    assertEquals(silhouette, new ClusteringEvaluator().evaluate(reloaded), 1e-12);
  }
}
