package io.github.sparkasgd.ml.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkasgd.SparkTestSession;
import java.nio.file.Path;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SGDKMeans continued from a saved model: its centres and per-centre counts carry the fit on. */
class KMeansWarmStartTest {
  private static final int K = 5;
  private static final int D = 10;
  private static final int N = 3;
  private static Dataset<Row> overlapping;

  @TempDir
  Path dir;

  @BeforeAll
  static void data() {
    // Clusters that overlap, so that the centres still move after N epochs (Lloyd: iterations).
    overlapping = KMeansTestData.mixture(201, KMeansTestData.centres(202, K, D), 400, 8.0, 2);
  }

  private static SGDKMeans kmeans(String solver, int maxIter) {
    return new SGDKMeans().setK(K).setSeed(9).setSolver(solver).setMaxIter(maxIter).setTol(0)
        .setAveragingInterval(N).setFeaturePrecision("float64");
  }

  private SGDKMeansModel roundTrip(SGDKMeansModel model, String name) throws Exception {
    String path = dir.resolve(name).toString();
    model.write().overwrite().save(path);
    return SGDKMeansModel.load(path);
  }

  private static double maxDiff(Vector[] a, Vector[] b) {
    double worst = 0;
    for (int j = 0; j < a.length; j++) {
      worst = Math.max(worst, KMeansTestData.maxAbsDiff(a[j].toArray(), b[j].toArray()));
    }
    return worst;
  }

  @ParameterizedTest
  @ValueSource(strings = {"batch", "minibatch", "simuparallel"})
  void deterministicSolversContinueAsOneLongFit(String solver) throws Exception {
    Vector[] longFit = kmeans(solver, 2 * N).fit(overlapping).clusterCenters();
    SGDKMeansModel first = kmeans(solver, N).fit(overlapping);
    SGDKMeansModel loaded = roundTrip(first, solver);
    assertArrayEquals(first.counts(), loaded.counts(), 0.0, solver);
    SGDKMeansModel continued = kmeans(solver, N).setInitialModel(loaded).fit(overlapping);
    double diff = maxDiff(longFit, continued.clusterCenters());
    assertTrue(diff < 1e-9, solver + ": continued centres differ from the 2N-epoch fit's by " + diff);
    assertTrue(maxDiff(longFit, first.clusterCenters()) > 1e-6, solver + ": N epochs already ended where 2N do");
  }

  /**
   * Async is not reproducible: the continued fit must cost no more than one long fit (within 1%). On
   * clusters that touch rather than overlap, so that every run ends near the same optimum (on the
   * overlapping mixture one continued run ended 5.5% above one long fit).
   */
  @Test
  void asyncContinuedFitCostsAsLittleAsOneLongFit() throws Exception {
    Dataset<Row> touching = KMeansTestData.mixture(205, KMeansTestData.centres(206, K, D), 400, 2.0, 2);
    double longCost = kmeans("async", 2 * N).fit(touching).summary().trainingCost();
    SGDKMeansModel first = roundTrip(kmeans("async", N).fit(touching), "async");
    double continuedCost = kmeans("async", N).setInitialModel(first).fit(touching).summary().trainingCost();
    assertTrue(continuedCost <= 1.01 * longCost, "continued " + continuedCost + ", one long fit " + longCost);
  }

  @Test
  void aModelOfAnotherShapeIsRefused() {
    SGDKMeansModel model = kmeans("batch", 1).fit(overlapping);
    IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
        () -> kmeans("batch", 1).setK(K + 1).setInitialModel(model).fit(overlapping));
    assertTrue(k.getMessage().contains("k " + K + " but this fit trains k " + (K + 1)), k.getMessage());
    Dataset<Row> wider = KMeansTestData.mixture(203, KMeansTestData.centres(204, K, D + 1), 20, 1.0, 1);
    IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
        () -> kmeans("batch", 1).setInitialModel(model).fit(wider));
    assertTrue(d.getMessage().contains("numFeatures " + D), d.getMessage());
  }

  /** Saved before models kept counts and state: loads, predicts as saved, and warm-starts afresh. */
  @Test
  void aModelSavedWithoutCountsStillLoads() throws Exception {
    SGDKMeansModel model = kmeans("simuparallel", N).fit(overlapping);
    String path = dir.resolve("old").toString();
    model.write().overwrite().save(path);
    String rewritten = path + "/data-old";
    SparkTestSession.get().read().parquet(path + "/data").select("k", "numFeatures", "centres")
        .write().mode(SaveMode.Overwrite).parquet(rewritten);
    org.apache.hadoop.fs.Path data = new org.apache.hadoop.fs.Path(path, "data");
    FileSystem fs = data.getFileSystem(SparkTestSession.get().sparkContext().hadoopConfiguration());
    fs.delete(data, true);
    fs.rename(new org.apache.hadoop.fs.Path(rewritten), data);

    SGDKMeansModel old = SGDKMeansModel.load(path);
    assertNull(old.counts());
    assertNull(old.trainingState());
    assertEquals(0.0, maxDiff(model.clusterCenters(), old.clusterCenters()));
    SGDKMeansModel continued = kmeans("simuparallel", N).setInitialModel(old).fit(overlapping);
    assertEquals(N, continued.trainingState().epochs(), 1e-12, "the schedule and the counts started afresh");
  }
}
